using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rapport.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerListIndexes : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
