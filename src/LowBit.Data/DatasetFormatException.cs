using System;

namespace LowBit.Data;

/// <summary>
/// A dataset file does not have the expected layout. The message always names the file,
/// the field that is wrong, and what was expected versus found, so a user pointing at the
/// wrong file learns which one and why without a debugger.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string fileName, string field, string expected, string found, Exception? innerException = null)
        : base($"{fileName}: {field}: expected {expected}, found {found}.", innerException)
    {
        FileName = fileName;
        Field = field;
        Expected = expected;
        Found = found;
    }

    public string FileName { get; }

    public string Field { get; }

    public string Expected { get; }

    public string Found { get; }
}
