namespace Rapport.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_verb_and_exits_zero()
    {
        var result = await CliRunner.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "serve", "demo", "analyze", "report", "import", "customers", "admin", "privacy" }) Assert.Contains(verb, result.Output);
    }

    [Theory]
    [InlineData("analyze", "rfm")]
    [InlineData("analyze", "clv")]
    [InlineData("analyze", "segments")]
    [InlineData("demo")]
    [InlineData("serve")]
    [InlineData("report")]
    public async Task Every_verb_has_help(params string[] verb)
    {
        var result = await CliRunner.RunAsync([.. verb, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--", result.Output);
    }

    [Fact]
    public async Task An_unknown_option_is_bad_input()
        => Assert.Equal(1, (await CliRunner.RunAsync("demo", "--frobnicate")).ExitCode);

    [Fact]
    public async Task Demo_with_nothing_to_do_says_so()
    {
        var result = await CliRunner.RunAsync("demo", "--customers", "10");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }

    [Fact]
    public async Task Demo_rejects_an_impossible_customer_count()
    {
        var result = await CliRunner.RunAsync("demo", "--customers", "0", "--out", Path.GetTempPath());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--customers", result.Error + result.Output);
    }

    [Fact]
    public async Task A_missing_transaction_file_is_named()
    {
        var result = await CliRunner.RunAsync("analyze", "rfm", "--transactions", "/nonexistent/tx.csv", "--out", "/tmp/x.csv");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/tx.csv", result.Error);
    }

    [Fact]
    public async Task A_malformed_transaction_file_is_bad_input_and_leaves_no_output()
    {
        using var folder = new TempFolder();
        var input = folder.File("garbage.csv");
        await File.WriteAllTextAsync(input, "customer,date,amount\n1,2024-01-02,10\n2,not-a-date,abc\n");
        var output = folder.File("out.json");
        var result = await CliRunner.RunAsync("analyze", "clv", "--transactions", input, "--calibration-end", "2024-13-01", "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--calibration-end", result.Error);
        Assert.False(File.Exists(output));
    }
}
