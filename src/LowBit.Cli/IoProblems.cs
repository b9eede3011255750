using System;
using System.IO;

namespace LowBit.Cli;

/// <summary>
/// File-system failures in our words: the runtime's messages vary by OS, and some end in
/// "(Parameter 'path')" or name internals, which a user cannot act on.
/// </summary>
public static class IoProblems
{
    public static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied (or the path is a directory)",
        FileNotFoundException => "found nothing at this path",
        DirectoryNotFoundException => "its directory does not exist",
        PathTooLongException => "the path is too long",
        ArgumentException or NotSupportedException => "not a valid path",
        IOException => "an I/O error (disk full, or a disconnected drive?)",
        _ => "an unexpected error (" + exception.GetType().Name + ")",
    };

    /// <summary>Why writing <paramref name="path"/> failed; a directory where a file should go is named as such.</summary>
    public static string DescribeWrite(string path, Exception exception) =>
        SafeIsDirectory(path) ? "the path is a directory" : Describe(exception);

    private static bool SafeIsDirectory(string path)
    {
        try
        {
            return Directory.Exists(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
