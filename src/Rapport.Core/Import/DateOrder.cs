using System.Text.RegularExpressions;

namespace Rapport.Core.Import;

/// <summary>
/// Decides how a file writes non-ISO dates such as "12/1/2010 8:26" from a sample of its values: a first number
/// above 12 means day/month, a second above 12 means month/day; with no such value month/day is assumed (the US and
/// the Online Retail layout) and said so. Rows whose dates contradict the decision are rejected, not guessed.
/// </summary>
public static partial class DateOrder
{
    [GeneratedRegex(@"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?)?\s*$")]
    private static partial Regex Slashed();

    /// <summary>A format for <see cref="ImportValues.TryInstant"/> ('|' separates alternatives), or null when the values are ISO.</summary>
    public static (string? Format, string? Note) Detect(IEnumerable<string> samples)
    {
        bool dayFirst = false, monthFirst = false, any = false, twoDigitYear = false, amPm = false;
        char separator = '/';
        foreach (var sample in samples)
        {
            var m = Slashed().Match(sample);
            if (!m.Success) continue;
            any = true;
            separator = sample.Trim()[m.Groups[1].Length];
            var (a, b) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
            if (a > 12) dayFirst = true;
            if (b > 12) monthFirst = true;
            twoDigitYear |= m.Groups[3].Length == 2;
            amPm |= m.Groups[6].Success;
        }
        if (!any) return (null, null);
        if (dayFirst && monthFirst) return (null, "dates mix day/month and month/day orders: pass --date-format");
        var order = dayFirst ? "d/M" : "M/d";
        var year = twoDigitYear ? "yy" : "yyyy";
        var time = amPm ? new[] { " h:mm tt", " h:mm:ss tt" } : [" H:mm", " H:mm:ss"];
        var date = $"{order}/{year}".Replace('/', separator);
        var format = string.Join('|', new[] { date }.Concat(time.Select(t => date + t)).Select(f => f.Replace("/", "'/'")));
        var note = dayFirst || monthFirst ? null : $"dates read as {(order == "M/d" ? "month/day" : "day/month")}/year (no day above 12 in the first rows); pass --date-format if that is wrong";
        return (format, note);
    }
}
