using System.CommandLine;
using System.Globalization;
using Rapport.Core.Import;
using Rapport.Data.Import;

namespace Rapport.Cli.Commands;

/// <summary>
/// `rapport import KIND FILE …` loads a CSV or .xlsx file into the configured database as one batch, and
/// `rapport import list|rejects|undo` look after the batches.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import customers, companies, products, orders, interactions or tickets from CSV or .xlsx; list, inspect and undo imports.");
        foreach (var kind in Enum.GetValues<ImportKind>()) command.Subcommands.Add(Kind(kind));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rejects());
        command.Subcommands.Add(Undo());
        return command;
    }

    private static Command Kind(ImportKind kind)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV/TSV (UTF-8 or Latin-1, delimiter detected) or .xlsx (first sheet); the first row names the columns." };
        var map = new Option<string[]>("--map") { Description = "COLUMN=FIELD, repeatable: map a column to a field (COLUMN= leaves it out). Fields: " +
                                                                 string.Join(", ", ImportFieldCatalog.For(kind).Select(f => f.Required ? f.Name + "*" : f.Name)) + " (* required).", AllowMultipleArgumentsPerToken = true };
        var source = new Option<string>("--source") { Description = "Source system the rows come from; customers are keyed by (source, external id).", DefaultValueFactory = _ => "import" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and print what would be imported; write nothing." };
        var dateFormat = new Option<string?>("--date-format") { Description = "Format of non-ISO dates, e.g. dd/MM/yyyy HH:mm (detected from the first rows when absent)." };
        var currency = new Option<string>("--currency") { Description = "Currency of amounts when the file has no currency column.", DefaultValueFactory = _ => "EUR" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Also write the rejected rows (row, field, reason, raw) to this CSV file." };
        var noUnify = new Option<bool>("--no-unify") { Description = "Customers: do not match the new customers against the existing ones after the import." };
        var command = new Command(kind.Name(), $"Import {kind.Name()} from a file.") { file, map, source, dryRun, dateFormat, currency, rejects };
        if (kind == ImportKind.Customers) command.Options.Add(noUnify);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            var request = new ImportRequest(kind, path)
            {
                Source = parse.GetValue(source)!, DryRun = parse.GetValue(dryRun), DateFormat = parse.GetValue(dateFormat),
                Currency = parse.GetValue(currency)!.ToUpperInvariant(), Map = ColumnMappingOverrides(parse.GetValue(map)),
                ResolveIdentities = !parse.GetValue(noUnify),
            };
            return await CliDatabase.RunAsync<ImportService>(async service =>
            {
                var result = await ConsoleProgress.RunAsync($"Importing {kind.Name()} from {Path.GetFileName(path)} …", progress => service.ImportAsync(request, progress, ct));
                Print(result, request);
                if (result.BatchId is { } batch && parse.GetValue(rejects) is { } rejectsFile && result.Summary.RowsRejected > 0)
                    await WriteRejectsAsync(batch, rejectsFile.FullName, ct);
                return ExitCodes.Ok;
            }, ct, ex => ex is ImportFileException or ImportMappingException);
        });
        return command;
    }

    private static Dictionary<string, string> ColumnMappingOverrides(string[]? pairs)
    {
        try
        {
            return ColumnMapping.ParseOverrides(pairs ?? []);
        }
        catch (ImportMappingException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }

    private static void Print(ImportResult result, ImportRequest request)
    {
        var s = result.Summary;
        if (result.AlreadyImportedAs is { } previous)
        {
            Console.WriteLine($"This file was already imported as batch {previous}; nothing was imported again (undo that batch first to re-import it).");
            return;
        }
        Console.WriteLine($"{(request.DryRun ? "Dry run — nothing written. " : "")}{result.Format}; columns: " +
                          string.Join(", ", result.Mapping.Mapped.Select(m => $"{m.Header} → {m.Field.Name}")));
        foreach (var remark in s.Remarks) Console.WriteLine($"note: {remark}");
        var head = request.DryRun ? "Would import" : $"Batch {result.BatchId}: imported";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{head} {s.RowsLoaded:N0} of {s.RowsRead:N0} rows; {s.RowsRejected:N0} rejected; {s.RowsAlreadyPresent:N0} already present; {result.Elapsed.TotalSeconds:0.0} s."));
        if (s.Created.Count > 0) Console.WriteLine("created: " + string.Join(", ", s.Created.Select(c => $"{c.Value:N0} {c.Key}")));
        if (s.RejectedByReason.Count > 0)
        {
            Console.WriteLine("rejected rows by reason:");
            foreach (var (reason, count) in s.RejectedByReason.OrderByDescending(r => r.Value)) Console.WriteLine($"  {count,8:N0}  {reason}");
            if (result.BatchId is { } batch) Console.WriteLine($"(every rejected row with its reason: rapport import rejects {batch} --out FILE)");
        }
        foreach (var (note, count) in s.NotesByReason) Console.WriteLine($"cleaned: {count:N0} × {note}");
        if (result.Unification is { } u)
            Console.WriteLine($"identity resolution: {u.AutoMerged:N0} merged with customers already known, {u.Queued:N0} likely duplicates to review (rapport customers review)");
    }

    private static Command List()
    {
        var command = new Command("list", "The latest import batches with their counts and status.");
        command.SetAction(async (_, ct) => await CliDatabase.RunAsync<ImportBatches>(async batches =>
        {
            foreach (var b in await batches.ListAsync(ct: ct))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Id}\t{b.Kind}\t{b.FileName}\t{b.Status}\t{b.StartedAt:yyyy-MM-dd HH:mm}\tread {b.RowsRead:N0}\tloaded {b.RowsLoaded:N0}\trejected {b.RowsRejected:N0}"));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Rejects()
    {
        var batch = new Argument<long>("BATCH") { Description = "Import batch id (see import list)." };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", Required = true };
        var command = new Command("rejects", "Write a batch's rejected rows (row, field, reason, raw) as CSV.") { batch, output };
        command.SetAction(async (parse, ct) => await WriteRejectsAsync(parse.GetValue(batch), parse.GetValue(output)!.FullName, ct));
        return command;
    }

    private static Task<int> WriteRejectsAsync(long batch, string path, CancellationToken ct) =>
        CliDatabase.RunAsync<ImportBatches>(async batches =>
        {
            var temporary = path + ".tmp";
            long count;
            await using (var writer = new StreamWriter(temporary))
                count = await batches.WriteRejectsAsync(batch, writer, ct);
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"Wrote {count:N0} rejected rows of batch {batch} to {path}.");
            return ExitCodes.Ok;
        }, ct, ex => ex is KeyNotFoundException);

    private static Command Undo()
    {
        var batch = new Argument<long>("BATCH") { Description = "Import batch id (see import list)." };
        var command = new Command("undo", "Take everything an import batch created out of the database again (refused while later records depend on it).") { batch };
        command.SetAction(async (parse, ct) => await CliDatabase.RunAsync<ImportUndo>(async undo =>
        {
            var result = await undo.UndoAsync(parse.GetValue(batch), ct);
            Console.WriteLine($"Undid import batch {result.BatchId}: removed " +
                              (result.Deleted.Count == 0 ? "nothing" : string.Join(", ", result.Deleted.Select(d => $"{d.Value:N0} {d.Key}"))) + ".");
            return ExitCodes.Ok;
        }, ct, ex => ex is KeyNotFoundException or InvalidOperationException));
        return command;
    }
}
