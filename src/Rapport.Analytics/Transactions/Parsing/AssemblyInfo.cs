using System.Runtime.CompilerServices;

// The parsing internals (tokenizer, number and date parsers, key table) are tested directly.
[assembly: InternalsVisibleTo("Rapport.Analytics.Tests")]
