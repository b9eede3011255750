namespace LowBit.Cli;

/// <summary>Process exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but failed: a bad option value, an invalid or missing file, an I/O error, a failed deploy check.</summary>
    public const int Failure = 1;

    /// <summary>The command line could not be parsed (unknown command or option, missing argument); one line says what and where to find help.</summary>
    public const int Usage = 2;
}
