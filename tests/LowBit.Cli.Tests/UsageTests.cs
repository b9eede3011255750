namespace LowBit.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData]
    [InlineData("inspect")]
    [InlineData("seal")]
    [InlineData("frobnicate", "x.lbq")]
    [InlineData("inspect", "a.lbq", "b.lbq")]
    public void WrongUsageExitsWithTwoAndPrintsUsageToStderr(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("Usage:", result.Error);
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
