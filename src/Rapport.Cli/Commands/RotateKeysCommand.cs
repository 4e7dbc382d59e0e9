using System.CommandLine;
using Rapport.Data.Encryption;

namespace Rapport.Cli.Commands;

/// <summary>`rapport admin rotate-keys`: new field-encryption key, every protected value re-encrypted in batches, old keys retired.</summary>
internal static class RotateKeysCommand
{
    public static Command Create()
    {
        var index = new Option<bool>("--index-key")
        {
            Description = "Also rotate the blind-index key (re-hashes every contact point; exact lookups may miss rows not yet re-hashed while it runs).",
        };
        var command = new Command("rotate-keys",
            "Make a new field-encryption key and re-encrypt every protected value under it, 1,000 rows per transaction, while the server keeps " +
            "reading with either key; old keys are retired once no value uses them. Run again to resume an interrupted rotation.") { index };
        command.SetAction(async (parse, ct) => await CliDatabase.RunAsync<FieldKeyRotation>(async rotation =>
        {
            var outcome = await rotation.RotateAsync(parse.GetValue(index), Console.WriteLine, ct);
            Console.WriteLine($"{(outcome.Resumed ? "Resumed rotation finished" : "Rotation finished")}: data key {outcome.DataKeyId}, index key {outcome.IndexKeyId}, " +
                              $"{outcome.ValuesRewritten:N0} values rewritten.");
            if (outcome.Retired.Count > 0) Console.WriteLine($"Retired: {string.Join(", ", outcome.Retired)}.");
            foreach (var (key, uses) in outcome.StillInUse)
                Console.WriteLine($"Key {key} is still used by {uses:N0} values (written meanwhile by a process with the old key ring); run rotate-keys again to finish.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
