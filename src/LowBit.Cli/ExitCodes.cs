namespace LowBit.Cli;

/// <summary>Process exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but failed: invalid or missing file, I/O error.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong; usage was printed.</summary>
    public const int Usage = 2;
}
