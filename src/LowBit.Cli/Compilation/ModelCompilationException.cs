using System;

namespace LowBit.Cli.Compilation;

/// <summary>A model could not be compiled in memory; the message is one line naming the file and the first problem.</summary>
public sealed class ModelCompilationException : Exception
{
    public ModelCompilationException(string message)
        : base(message)
    {
    }
}
