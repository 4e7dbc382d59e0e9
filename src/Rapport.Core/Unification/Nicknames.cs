namespace Rapport.Core.Unification;

/// <summary>
/// Common given-name short forms (English and a few European ones), folded as <see cref="ContactNormalizer.Name"/> folds
/// names. Two names are nicknames of each other when they share a group. Small on purpose: a hand-kept list of the
/// frequent cases, not a name database.
/// </summary>
public static class Nicknames
{
    private static readonly string[][] Groups =
    [
        ["william", "bill", "will", "billy", "willy", "liam"], ["robert", "bob", "rob", "bobby", "robbie", "bert"],
        ["richard", "rick", "dick", "rich", "ricky"], ["james", "jim", "jimmy", "jamie"], ["john", "jack", "johnny", "jon"],
        ["thomas", "tom", "tommy"], ["michael", "mike", "mick", "mikey"], ["elizabeth", "liz", "beth", "lizzie", "betty", "eliza"],
        ["katherine", "kate", "kathy", "katie", "kat"], ["catherine", "cathy", "kate", "katie", "cat"], ["margaret", "maggie", "peggy", "meg"],
        ["jennifer", "jen", "jenny"], ["alexander", "alex", "sandy", "xander"], ["alexandra", "alex", "sandra", "lexi"],
        ["christopher", "chris", "kit"], ["christine", "chris", "chrissy", "tina"], ["daniel", "dan", "danny"], ["david", "dave", "davy"],
        ["edward", "ed", "ted", "eddie", "ned"], ["joseph", "joe", "joey"], ["matthew", "matt"], ["nicholas", "nick", "nicky"],
        ["patrick", "pat", "paddy"], ["patricia", "pat", "patty", "trish"], ["peter", "pete"], ["samuel", "sam", "sammy"],
        ["samantha", "sam", "sammy"], ["stephen", "steve", "stevie"], ["steven", "steve", "stevie"], ["anthony", "tony"],
        ["benjamin", "ben", "benny"], ["charles", "charlie", "chuck"], ["charlotte", "lottie", "charlie"], ["andrew", "andy", "drew"],
        ["jonathan", "jon", "jonny"], ["rebecca", "becky", "becca"], ["susan", "sue", "susie"], ["victoria", "vicky", "tori"],
        ["deborah", "debbie", "deb"], ["jessica", "jess", "jessie"], ["frederick", "fred", "freddie"], ["henry", "harry", "hal"],
        ["timothy", "tim", "timmy"], ["zachary", "zach", "zack"], ["abigail", "abby", "gail"], ["amanda", "mandy"], ["emily", "em", "emmy"],
        ["gregory", "greg"], ["jacob", "jake"], ["joshua", "josh"], ["kimberly", "kim"], ["lawrence", "larry"], ["leonard", "leo", "len"],
        ["nathaniel", "nate", "nat"], ["nathan", "nate"], ["oliver", "ollie"], ["philip", "phil"], ["raymond", "ray"], ["ronald", "ron", "ronnie"],
        ["theodore", "theo", "ted"], ["vincent", "vince"], ["eleanor", "ellie", "nora"], ["isabella", "bella", "izzy"], ["isabel", "bella", "izzy"],
        ["johannes", "hans", "jo"], ["johanna", "hanna", "jo"], ["wolfgang", "wolf"], ["friedrich", "fritz"], ["katharina", "katrin", "kathi"],
        ["giuseppe", "beppe", "peppe"], ["francesco", "franco", "cesco"], ["francisco", "paco", "fran"], ["jose", "pepe"], ["manuel", "manu"],
        ["guillaume", "guille"], ["nicolas", "nico"], ["dominique", "dom"], ["maximilian", "max"], ["alessandro", "sandro", "alex"],
        ["sebastian", "seb", "basti"], ["cornelis", "kees"], ["jacobus", "koos", "jaap"], ["hendrik", "henk"], ["willem", "wim"],
    ];

    private static readonly Dictionary<string, int[]> GroupsOf = Build();

    private static Dictionary<string, int[]> Build()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Length; g++)
            foreach (var name in Groups[g])
            {
                if (!map.TryGetValue(name, out var list)) map[name] = list = [];
                list.Add(g);
            }
        return map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>True when the two folded given names are different short/long forms of one name (Bill and William).</summary>
    public static bool AreVariants(string foldedA, string foldedB)
    {
        if (foldedA == foldedB || !GroupsOf.TryGetValue(foldedA, out var a) || !GroupsOf.TryGetValue(foldedB, out var b)) return false;
        foreach (var x in a)
            if (Array.IndexOf(b, x) >= 0) return true;
        return false;
    }

    /// <summary>Other forms of a folded given name (for planting demo duplicates); empty when it has none.</summary>
    public static IReadOnlyList<string> VariantsOf(string folded)
        => GroupsOf.TryGetValue(folded, out var groups)
            ? [.. groups.SelectMany(g => Groups[g]).Where(n => n != folded).Distinct(StringComparer.Ordinal)]
            : [];
}
