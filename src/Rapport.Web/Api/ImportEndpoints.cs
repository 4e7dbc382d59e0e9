using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Rapport.Core.Import;
using Rapport.Data.Import;
using Rapport.Web.Account;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/imports: upload a CSV or .xlsx file as a batch (POST /imports?kind=KIND, or the older POST /imports/{kind}; multipart field "file"; query
/// source, dryRun, dateFormat, currency and map=COLUMN=FIELD, repeatable), list batches, read one, download its rejected
/// rows as CSV, and undo it. The upload is kept in a temporary file only while it is imported.
/// </summary>
internal static class ImportEndpoints
{
    /// <summary>The pages' downloads (the signed-in user's cookie; same permissions as the API): import rejects, the customer list.</summary>
    public static IEndpointRouteBuilder MapImportDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/imports/{id:long}/rejects.csv", RejectsAsync).RequireAuthorization(Rapport.Core.Security.Permissions.CustomersWrite);
        endpoints.MapGet("/customers/export.csv", CustomerExport.ExportAsync).RequireAuthorization(Rapport.Core.Security.Permissions.CustomersRead);
        return endpoints;
    }

    /// <summary>Largest accepted upload; larger files go through `rapport import` on the server.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    /// <param name="kind">From the query (POST /imports?kind=) or the path (POST /imports/{kind}, the older form).</param>
    public static async Task<IResult> UploadAsync(string? kind, HttpRequest http, ClaimsPrincipal user, ImportService imports, CancellationToken ct)
    {
        if (!ImportKinds.TryParse(kind, out var importKind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"one of {string.Join(", ", Enum.GetValues<ImportKind>().Select(k => k.Name()))}"] });
        if (!http.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["send the file as multipart/form-data in a field named \"file\""] });
        if (http.ContentLength > MaxUploadBytes)
            return TypedResults.Problem($"The file is larger than {MaxUploadBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var form = await http.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["no file, or an empty one"] });

        var query = http.Query;
        Dictionary<string, string> map;
        try
        {
            map = ColumnMapping.ParseOverrides(query["map"].Where(v => v is not null)!);
        }
        catch (ImportMappingException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["map"] = [ex.Message] });
        }
        string? temporary = null;
        try
        {
            await using (var upload = file.OpenReadStream())
                temporary = await SaveUploadAsync(upload, file.FileName, ct);
            var request = new ImportRequest(importKind, temporary)
            {
                FileName = Path.GetFileName(file.FileName.Replace('\\', '/')),
                Source = string.IsNullOrWhiteSpace(query["source"]) ? "import" : query["source"].ToString().Trim(),
                DryRun = bool.TryParse(query["dryRun"], out var dry) && dry,
                DateFormat = string.IsNullOrWhiteSpace(query["dateFormat"]) ? null : query["dateFormat"].ToString(),
                Currency = string.IsNullOrWhiteSpace(query["currency"]) ? "EUR" : query["currency"].ToString().ToUpperInvariant(),
                Map = map,
                UserId = user.UserId(),
            };
            var result = await imports.ImportAsync(request, ct: ct);
            return TypedResults.Ok(Json(result));
        }
        catch (Exception ex) when (ex is ImportFileException or ImportMappingException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message.Replace(temporary!, "the upload", StringComparison.Ordinal)] });
        }
        finally
        {
            if (temporary is not null) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Copies an upload to a fresh temporary file and returns its path (the caller deletes it). The client's file name
    /// is never used as a path: only its extension is kept, and only from the list the readers know.
    /// </summary>
    public static async Task<string> SaveUploadAsync(Stream upload, string clientFileName, CancellationToken ct)
    {
        var extension = Path.GetExtension(clientFileName.Replace('\\', '/')).ToLowerInvariant();
        if (extension is not (".csv" or ".tsv" or ".txt" or ".xlsx")) extension = "";
        var path = Path.Combine(Path.GetTempPath(), $"rapport-upload-{Guid.NewGuid():N}{extension}");
        await using var target = File.Create(path);
        await upload.CopyToAsync(target, ct);
        return path;
    }

    private static object Json(ImportResult result) => new
    {
        batchId = result.BatchId,
        alreadyImportedAs = result.AlreadyImportedAs,
        format = result.Format,
        mapping = result.Mapping.Mapped.ToDictionary(m => m.Field.Name, m => m.Header),
        unmapped = result.Mapping.Unmapped,
        rowsRead = result.Summary.RowsRead,
        rowsLoaded = result.Summary.RowsLoaded,
        rowsRejected = result.Summary.RowsRejected,
        rowsAlreadyPresent = result.Summary.RowsAlreadyPresent,
        created = result.Summary.Created,
        rejectedByReason = result.Summary.RejectedByReason,
        cleaned = result.Summary.NotesByReason,
        remarks = result.Summary.Remarks,
    };

    public static async Task<IResult> ListAsync(ImportBatches batches, CancellationToken ct) => TypedResults.Ok(await batches.ListAsync(100, ct));

    public static async Task<IResult> GetAsync(long id, ImportBatches batches, CancellationToken ct) =>
        await batches.FindAsync(id, ct) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound();

    public static async Task RejectsAsync(long id, HttpContext http, ImportBatches batches, IAuthorizationService authorization, CancellationToken ct)
    {
        if (await batches.FindAsync(id, ct) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-rejects.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await batches.WriteRejectsAsync(id, writer, ct, maskRaw: !await authorization.SeesPersonalDataAsync(http.User));
    }

    public static async Task<IResult> UndoAsync(long id, ImportUndo undo, CancellationToken ct)
    {
        try
        {
            var result = await undo.UndoAsync(id, ct);
            return TypedResults.Ok(new { batchId = result.BatchId, deleted = result.Deleted });
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Cannot undo");
        }
    }
}
