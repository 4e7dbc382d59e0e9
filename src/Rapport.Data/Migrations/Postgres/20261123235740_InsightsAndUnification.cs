using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rapport.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InsightsAndUnification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survivor_id = table.Column<long>(type: "bigint", nullable: false),
                    merged_id = table.Column<long>(type: "bigint", nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    rule = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    merged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    undone_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    undone_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    record = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_merges_customers_merged_id",
                        column: x => x.merged_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_merges_customers_survivor_id",
                        column: x => x.survivor_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "forecast_periods",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    series = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    frequency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_forecast = table.Column<bool>(type: "boolean", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    lower80 = table.Column<double>(type: "double precision", nullable: true),
                    upper80 = table.Column<double>(type: "double precision", nullable: true),
                    lower95 = table.Column<double>(type: "double precision", nullable: true),
                    upper95 = table.Column<double>(type: "double precision", nullable: true),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    computed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_periods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "insight_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    as_of = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    step = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    step_number = table.Column<int>(type: "integer", nullable: false),
                    step_count = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    counts = table.Column<string>(type: "text", nullable: false),
                    step_seconds = table.Column<string>(type: "text", nullable: false),
                    skipped = table.Column<string>(type: "text", nullable: false),
                    warnings = table.Column<string>(type: "text", nullable: false),
                    model_versions = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insight_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_associations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    antecedent_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    antecedent_product_ids = table.Column<string>(type: "text", nullable: false),
                    consequent_product_id = table.Column<long>(type: "bigint", nullable: false),
                    support = table.Column<double>(type: "double precision", nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    lift = table.Column<double>(type: "double precision", nullable: false),
                    orders = table.Column<int>(type: "integer", nullable: false),
                    model_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    computed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_associations", x => x.id);
                    table.ForeignKey(
                        name: "fk_product_associations_products_consequent_product_id",
                        column: x => x.consequent_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "match_candidates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    other_customer_id = table.Column<long>(type: "bigint", nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    reasons = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    merge_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_match_candidates", x => x.id);
                    table.ForeignKey(
                        name: "fk_match_candidates_customer_merges_merge_id",
                        column: x => x.merge_id,
                        principalTable: "customer_merges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_match_candidates_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_match_candidates_customers_other_customer_id",
                        column: x => x.other_customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_merges_merged_id",
                table: "customer_merges",
                column: "merged_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_merges_survivor_id",
                table: "customer_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_forecast_periods_series_period_start",
                table: "forecast_periods",
                columns: new[] { "series", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_insight_runs_started_at",
                table: "insight_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_match_candidates_customer_id_other_customer_id",
                table: "match_candidates",
                columns: new[] { "customer_id", "other_customer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_match_candidates_merge_id",
                table: "match_candidates",
                column: "merge_id");

            migrationBuilder.CreateIndex(
                name: "ix_match_candidates_other_customer_id",
                table: "match_candidates",
                column: "other_customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_match_candidates_status_confidence",
                table: "match_candidates",
                columns: new[] { "status", "confidence" });

            migrationBuilder.CreateIndex(
                name: "ix_product_associations_antecedent_key_lift",
                table: "product_associations",
                columns: new[] { "antecedent_key", "lift" });

            migrationBuilder.CreateIndex(
                name: "ix_product_associations_consequent_product_id",
                table: "product_associations",
                column: "consequent_product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forecast_periods");

            migrationBuilder.DropTable(
                name: "insight_runs");

            migrationBuilder.DropTable(
                name: "match_candidates");

            migrationBuilder.DropTable(
                name: "product_associations");

            migrationBuilder.DropTable(
                name: "customer_merges");
        }
    }
}
