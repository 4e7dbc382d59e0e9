using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>One question/answer row of a knowledge base file.</summary>
/// <param name="Question">The question (trimmed, not empty).</param>
/// <param name="Answer">The answer (trimmed, not empty).</param>
/// <param name="Category">Its class or category, or null when the file has none (or the field is empty).</param>
/// <param name="Record">Its record number in the file (the header is record 1).</param>
public sealed record KnowledgeBaseRow(string Question, string Answer, string? Category, int Record);

/// <summary>
/// Reads a knowledge base of question/answer articles from CSV (through <see cref="IntentCsvReader.ReadColumns"/>).
/// Columns are found by the names given, else by the first header name (case-insensitive) of
/// <see cref="QuestionColumnNames"/>, <see cref="AnswerColumnNames"/> and, optionally, <see cref="CategoryColumnNames"/>.
/// A record with an empty question or answer is an error naming the record and the field.
/// </summary>
public static class KnowledgeBaseReader
{
    /// <summary>Header names tried for the question column.</summary>
    public static readonly IReadOnlyList<string> QuestionColumnNames = ["question", "questions", "q", "title", "query"];

    /// <summary>Header names tried for the answer column.</summary>
    public static readonly IReadOnlyList<string> AnswerColumnNames = ["answer", "answers", "a", "response", "reply", "body", "content"];

    /// <summary>Header names tried for the (optional) class or category column.</summary>
    public static readonly IReadOnlyList<string> CategoryColumnNames = ["class", "category", "topic", "section", "label", "intent"];

    /// <summary>Reads a CSV file (UTF-8, with or without BOM).</summary>
    public static IReadOnlyList<KnowledgeBaseRow> Read(string path, string? questionColumn = null, string? answerColumn = null, string? categoryColumn = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, questionColumn, answerColumn, categoryColumn);
    }

    /// <summary>Reads CSV text (see the class remarks).</summary>
    public static IReadOnlyList<KnowledgeBaseRow> Read(TextReader reader, string? questionColumn = null, string? answerColumn = null, string? categoryColumn = null)
    {
        var table = IntentCsvReader.ReadColumns(reader,
        [
            new CsvColumn("question", questionColumn, QuestionColumnNames),
            new CsvColumn("answer", answerColumn, AnswerColumnNames),
            new CsvColumn("category", categoryColumn, CategoryColumnNames, Optional: true),
        ]);
        var rows = new List<KnowledgeBaseRow>(table.Records.Count);
        foreach (var record in table.Records)
        {
            var question = record.Values[0]!;
            var answer = record.Values[1]!;
            if (question.Length == 0) throw new FormatException($"Record {record.Record}: the question field ('{table.Columns[0]}') is empty.");
            if (answer.Length == 0) throw new FormatException($"Record {record.Record}: the answer field ('{table.Columns[1]}') is empty.");
            var category = record.Values[2] is { Length: > 0 } c ? c : null;
            rows.Add(new KnowledgeBaseRow(question, answer, category, record.Record));
        }
        return rows;
    }
}
