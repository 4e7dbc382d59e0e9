using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceDeskSuggestionVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "suggestion_votes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    article_id = table.Column<long>(type: "INTEGER", nullable: false),
                    intent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    voted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suggestion_votes", x => x.id);
                    table.ForeignKey(
                        name: "fk_suggestion_votes_knowledge_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "knowledge_articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_suggestion_votes_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_suggestion_votes_article_id",
                table: "suggestion_votes",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_suggestion_votes_intent_article_id",
                table: "suggestion_votes",
                columns: new[] { "intent", "article_id" });

            migrationBuilder.CreateIndex(
                name: "ix_suggestion_votes_ticket_id",
                table: "suggestion_votes",
                column: "ticket_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suggestion_votes");
        }
    }
}
