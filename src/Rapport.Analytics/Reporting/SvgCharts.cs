using System.Globalization;
using System.Net;
using System.Text;

namespace Rapport.Analytics.Reporting;

/// <summary>
/// Small, dependency-free SVG charts for self-contained HTML reports (no scripts, no network).
/// Each method returns one &lt;svg&gt; element sized by its viewBox so it scales with the page.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640, Height = 320, Left = 64, Right = 16, Top = 24, Bottom = 56;
    private static readonly string[] Palette = ["#3b6ea8", "#e07b39", "#4f9d69", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"];

    public static string Color(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Vertical bars, one per label.</summary>
    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, string valueFormat = "N0")
    {
        var svg = Begin(title);
        var max = Math.Max(values.DefaultIfEmpty(0).Max(), 1e-12);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var band = plotW / (double)Math.Max(labels.Count, 1);
        YAxis(svg, 0, max, valueFormat);
        // Narrow bars get every n-th label only, so labels never overlap.
        var labelEvery = Math.Max(1, (int)Math.Ceiling(36 / band));
        for (var i = 0; i < labels.Count; i++)
        {
            var h = values[i] / max * plotH;
            var x = Left + i * band + band * 0.15;
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{Top + plotH - h:F1}\" width=\"{band * 0.7:F1}\" height=\"{h:F1}\" fill=\"{Color(i)}\"><title>{Escape(labels[i])}: {values[i].ToString(valueFormat, CultureInfo.InvariantCulture)}</title></rect>"));
            if (i % labelEvery == 0)
                svg.Append(Invariant($"<text x=\"{x + band * 0.35:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Escape(Shorten(labels[i], band * labelEvery))}</text>"));
        }
        return End(svg);
    }

    /// <summary>Histogram of values in equal-width bins.</summary>
    public static string Histogram(string title, IReadOnlyList<double> values, int bins = 20, string axisFormat = "N0")
    {
        if (values.Count == 0) return Bars(title, [], []);
        var min = values.Min();
        var max = values.Max();
        var width = max > min ? (max - min) / bins : 1;
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        var labels = Enumerable.Range(0, bins).Select(i => (min + i * width).ToString(axisFormat, CultureInfo.InvariantCulture)).ToList();
        return Bars(title, labels, counts);
    }

    /// <summary>Scatter of points, optionally coloured by group; a sample keeps the file small.</summary>
    public static string Scatter(string title, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string xLabel, string yLabel,
        IReadOnlyList<int>? groups = null, int maxPoints = 3000)
    {
        var svg = Begin(title);
        if (xs.Count == 0) return End(svg);
        var (xMin, xMax) = (xs.Min(), xs.Max());
        var (yMin, yMax) = (ys.Min(), ys.Max());
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) yMax = yMin + 1;
        YAxis(svg, yMin, yMax, "0.##");
        XAxis(svg, xMin, xMax, "0.##");
        AxisTitles(svg, xLabel, yLabel);
        var step = Math.Max(1, xs.Count / maxPoints);
        for (var i = 0; i < xs.Count; i += step)
        {
            var (px, py) = Project(xs[i], ys[i], xMin, xMax, yMin, yMax);
            svg.Append(Invariant($"<circle cx=\"{px:F1}\" cy=\"{py:F1}\" r=\"2.2\" fill=\"{Color(groups?[i] ?? 0)}\" fill-opacity=\"0.55\"/>"));
        }
        return End(svg);
    }

    /// <summary>One or more lines over a shared x axis.</summary>
    public static string Lines(string title, IReadOnlyList<double> xs, IReadOnlyList<(string Name, IReadOnlyList<double> Ys)> series, string xLabel, string yLabel)
    {
        var svg = Begin(title);
        if (xs.Count == 0 || series.Count == 0) return End(svg);
        var (xMin, xMax) = (xs.Min(), xs.Max());
        var yMax = series.SelectMany(s => s.Ys).DefaultIfEmpty(1).Max();
        var yMin = Math.Min(0, series.SelectMany(s => s.Ys).DefaultIfEmpty(0).Min());
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) yMax = yMin + 1;
        YAxis(svg, yMin, yMax, "N0");
        XAxis(svg, xMin, xMax, "0.##");
        AxisTitles(svg, xLabel, yLabel);
        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(" ", xs.Select((x, i) => Project(x, series[s].Ys[i], xMin, xMax, yMin, yMax)).Select(p => Invariant($"{p.X:F1},{p.Y:F1}")));
            svg.Append(Invariant($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{Color(s)}\" stroke-width=\"2\"/>"));
            svg.Append(Invariant($"<rect x=\"{Left + 10 + s * 150}\" y=\"{Top - 14}\" width=\"10\" height=\"10\" fill=\"{Color(s)}\"/><text x=\"{Left + 24 + s * 150}\" y=\"{Top - 5}\" font-size=\"11\">{Escape(series[s].Name)}</text>"));
        }
        return End(svg);
    }

    /// <summary>A grid of cells shaded by value, e.g. customers by R score (rows) and F score (columns).</summary>
    public static string Grid(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] values, string rowTitle, string columnTitle)
    {
        var svg = Begin(title);
        var rows = rowLabels.Count;
        var cols = columnLabels.Count;
        var cellW = (Width - Left - Right) / (double)Math.Max(cols, 1);
        var cellH = (Height - Top - Bottom) / (double)Math.Max(rows, 1);
        var max = 1e-12;
        foreach (var v in values) max = Math.Max(max, v);
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            var share = values[r, c] / max;
            var x = Left + c * cellW;
            var y = Top + r * cellH;
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{cellW - 2:F1}\" height=\"{cellH - 2:F1}\" fill=\"#3b6ea8\" fill-opacity=\"{0.08 + 0.92 * share:F3}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + cellW / 2:F1}\" y=\"{y + cellH / 2 + 4:F1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{(share > 0.55 ? "#fff" : "#222")}\">{values[r, c].ToString("N0", CultureInfo.InvariantCulture)}</text>"));
        }
        for (var r = 0; r < rows; r++)
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{Top + r * cellH + cellH / 2 + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{Escape(rowLabels[r])}</text>"));
        for (var c = 0; c < cols; c++)
            svg.Append(Invariant($"<text x=\"{Left + c * cellW + cellW / 2:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Escape(columnLabels[c])}</text>"));
        AxisTitles(svg, columnTitle, rowTitle);
        return End(svg);
    }

    /// <summary>
    /// A diverging heat map: rows × columns of signed values (e.g. a segment's level on a feature in standard deviations
    /// from the overall mean), blue above 0, red below, stronger with |value| up to <paramref name="saturation"/>;
    /// each cell shows its value. Row labels get a wider margin (feature names).
    /// </summary>
    public static string Diverging(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] values, string rowTitle, string columnTitle, double saturation = 1.5)
    {
        var svg = Begin(title);
        const int left = 150;
        var rows = rowLabels.Count;
        var cols = columnLabels.Count;
        var cellW = (Width - left - Right) / (double)Math.Max(cols, 1);
        var cellH = (Height - Top - Bottom) / (double)Math.Max(rows, 1);
        var font = Math.Min(11, Math.Max(8, (int)(cellH * 0.7)));
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
        {
            var v = values[r, c];
            var strength = Math.Min(1, Math.Abs(v) / saturation);
            var x = left + c * cellW;
            var y = Top + r * cellH;
            svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{cellW - 2:F1}\" height=\"{cellH - 2:F1}\" fill=\"{(v >= 0 ? "#3b6ea8" : "#b8473d")}\" fill-opacity=\"{0.05 + 0.85 * strength:F3}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + cellW / 2:F1}\" y=\"{y + cellH / 2 + font / 2.5:F1}\" text-anchor=\"middle\" font-size=\"{font}\" fill=\"{(strength > 0.6 ? "#fff" : "#222")}\">{v.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture)}</text>"));
        }
        for (var r = 0; r < rows; r++)
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{Top + r * cellH + cellH / 2 + font / 2.5:F1}\" text-anchor=\"end\" font-size=\"{font}\">{Escape(rowLabels[r])}</text>"));
        for (var c = 0; c < cols; c++)
            svg.Append(Invariant($"<text x=\"{left + c * cellW + cellW / 2:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{Escape(columnLabels[c])}</text>"));
        AxisTitles(svg, columnTitle, rowTitle);
        return End(svg);
    }

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"sans-serif\">"));
        svg.Append(Invariant($"<title>{Escape(title)}</title>"));
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static (double X, double Y) Project(double x, double y, double xMin, double xMax, double yMin, double yMax)
        => (Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right), Top + (1 - (y - yMin) / (yMax - yMin)) * (Height - Top - Bottom));

    private static void YAxis(StringBuilder svg, double min, double max, string format)
    {
        var plotH = Height - Top - Bottom;
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotH - i * plotH / 4.0;
            var value = min + (max - min) * i / 4.0;
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{value.ToString(format, CultureInfo.InvariantCulture)}</text>"));
        }
    }

    private static void XAxis(StringBuilder svg, double min, double max, string format)
    {
        var plotW = Width - Left - Right;
        for (var i = 0; i <= 4; i++)
        {
            var x = Left + i * plotW / 4.0;
            var value = min + (max - min) * i / 4.0;
            svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{value.ToString(format, CultureInfo.InvariantCulture)}</text>"));
        }
    }

    private static void AxisTitles(StringBuilder svg, string xLabel, string yLabel)
    {
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-size=\"12\">{Escape(xLabel)}</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{Escape(yLabel)}</text>"));
    }

    private static string Shorten(string label, double band)
    {
        var max = Math.Max(3, (int)(band / 6.5));
        return label.Length <= max ? label : label[..(max - 1)] + "…";
    }

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
