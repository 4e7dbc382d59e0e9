using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custom_field_values");

            migrationBuilder.DropTable(
                name: "custom_field_definitions");
        }
    }
}
