namespace LowBit.Cli.Tests;

/// <summary>A command line that cannot be parsed: one line saying what is wrong and where help is, exit code 2.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("lowbit --help", new string[0])]
    [InlineData("lowbit inspect --help", "inspect")]
    [InlineData("lowbit seal --help", "seal")]
    [InlineData("lowbit --help", "frobnicate", "x.lbq")]
    [InlineData("lowbit inspect --help", "inspect", "a.lbq", "b.lbq")]
    [InlineData("lowbit train --help", "train", "--epoch", "3")]
    public void Wrong_usage_is_one_line_with_a_hint_and_exit_code_2(string help, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.EndsWith($"(see '{help}')", line);
        Assert.DoesNotContain("Usage:", result.Error);
    }

    [Theory]
    [InlineData("'--epoch'", "train", "--epoch", "3")]
    [InlineData("'frobnicate'", "frobnicate", "x.lbq")]
    [InlineData("'b.lbq'", "inspect", "a.lbq", "b.lbq")]
    public void The_unknown_word_is_named(string named, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.StartsWith($"error: unknown command, option or argument {named} ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_missing_argument_is_named()
    {
        var result = CliRunner.Run("inspect");

        Assert.Equal("error: Required argument missing for command: 'inspect'. (see 'lowbit inspect --help')", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("inspect", result.Output);
        Assert.Contains("seal", result.Output);
    }
}
