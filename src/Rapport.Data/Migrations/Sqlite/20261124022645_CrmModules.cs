using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrmModules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_last_name",
                table: "customers");

            migrationBuilder.AddColumn<string>(
                name: "search_name",
                table: "customers",
                type: "TEXT",
                maxLength: 401,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "sort_name",
                table: "customers",
                type: "TEXT",
                maxLength: 401,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "custom_field_definitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    required = table.Column<bool>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_field_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    owner_id = table.Column<long>(type: "INTEGER", nullable: true),
                    deal_id = table.Column<long>(type: "INTEGER", nullable: true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    done = table.Column<bool>(type: "INTEGER", nullable: false),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_tasks_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_sales_tasks_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "saved_views",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    list = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    owner_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    shared = table.Column<bool>(type: "INTEGER", nullable: false),
                    query = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_views", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_views_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "custom_field_values",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    entity_id = table.Column<long>(type: "INTEGER", nullable: false),
                    field_id = table.Column<long>(type: "INTEGER", nullable: false),
                    text_value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    number_value = table.Column<double>(type: "REAL", nullable: true),
                    date_value = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_field_values", x => x.id);
                    table.ForeignKey(
                        name: "fk_custom_field_values_custom_field_definitions_field_id",
                        column: x => x.field_id,
                        principalTable: "custom_field_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_external_id",
                table: "customers",
                column: "external_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_search_name",
                table: "customers",
                column: "search_name");

            migrationBuilder.CreateIndex(
                name: "ix_customers_sort_name",
                table: "customers",
                column: "sort_name");

            migrationBuilder.CreateIndex(
                name: "ix_customer_insights_kind_label",
                table: "customer_insights",
                columns: new[] { "kind", "label" });

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_definitions_entity_type_key",
                table: "custom_field_definitions",
                columns: new[] { "entity_type", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_values_entity_type_entity_id_field_id",
                table: "custom_field_values",
                columns: new[] { "entity_type", "entity_id", "field_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_values_field_id_date_value",
                table: "custom_field_values",
                columns: new[] { "field_id", "date_value" });

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_values_field_id_number_value",
                table: "custom_field_values",
                columns: new[] { "field_id", "number_value" });

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_values_field_id_text_value",
                table: "custom_field_values",
                columns: new[] { "field_id", "text_value" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_tasks_customer_id",
                table: "sales_tasks",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tasks_deal_id",
                table: "sales_tasks",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tasks_owner_id_done_due_at",
                table: "sales_tasks",
                columns: new[] { "owner_id", "done", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_list_owner_id_name",
                table: "saved_views",
                columns: new[] { "list", "owner_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_owner_id",
                table: "saved_views",
                column: "owner_id");

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
                name: "custom_field_values");

            migrationBuilder.DropTable(
                name: "sales_tasks");

            migrationBuilder.DropTable(
                name: "saved_views");

            migrationBuilder.DropTable(
                name: "suggestion_votes");

            migrationBuilder.DropTable(
                name: "custom_field_definitions");

            migrationBuilder.DropIndex(
                name: "ix_customers_external_id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_search_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_sort_name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customer_insights_kind_label",
                table: "customer_insights");

            migrationBuilder.DropColumn(
                name: "search_name",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "sort_name",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "ix_customers_last_name",
                table: "customers",
                column: "last_name");
        }
    }
}
