namespace Rapport.Analytics.Prediction;

/// <summary>Counts the cells imputed over every row used (training and test), for the data-quality report.</summary>
internal static class ImputationCounter
{
    public static List<PredictionColumnReport> Recount(RawTable t, List<int> rows, List<FeatureColumn> features, List<PredictionColumnReport> reports)
    {
        var bySource = features.ToDictionary(f => f.Source);
        var result = new List<PredictionColumnReport>(reports.Count);
        for (var c = 0; c < reports.Count; c++)
        {
            var rep = reports[c];
            if (!bySource.TryGetValue(c, out var f)) { result.Add(rep); continue; }
            int blanks = 0, unparsable = 0;
            foreach (var r in rows)
            {
                var cell = t.Rows[r][c];
                if (ColumnTyper.IsBlank(cell)) blanks++;
                else if (f.Kind == PredictionColumnKind.Numeric && !ColumnTyper.TryNumber(cell, out _)) unparsable++;
                else if (f.Kind == PredictionColumnKind.Boolean && !ColumnTyper.TryBoolean(cell, out _)) unparsable++;
            }
            var imputed = f.Kind == PredictionColumnKind.Categorical ? 0 : blanks + unparsable;
            var note = f.Kind == PredictionColumnKind.Numeric && imputed > 0
                ? $"numbers; {blanks} blank and {unparsable} unparsable cells set to the training median"
                : rep.Note;
            result.Add(rep with { Blanks = blanks, Unparsable = unparsable, Imputed = imputed, Note = note });
        }
        return result;
    }
}
