using System;
using System.IO;

namespace LowBit.Cli;

/// <summary>
/// A file named on the command line: whether it can be read at all, and what it holds judged by its
/// content rather than its extension (a manifest is JSON text; a checkpoint is TorchSharp's binary format).
/// </summary>
public static class InputFile
{
    /// <summary>
    /// One line saying why <paramref name="path"/> cannot be an input file, or null when it is a readable, non-empty
    /// file. <paramref name="expected"/> names what the command wants, e.g. "an IDX file".
    /// </summary>
    public static string? Problem(string path, string expected)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return $"{path}: expected {expected}, but the path is a directory";
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return $"{path}: expected {expected}, found nothing at this path";
            }

            if (file.Length == 0)
            {
                return $"{path}: expected {expected}, found an empty file";
            }

            using var stream = file.OpenRead();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{path}: {IoProblems.Describe(e)}";
        }
    }

    /// <summary>Whether the file's first character (after a byte order mark and white space) opens a JSON object, as a manifest's does.</summary>
    public static bool StartsLikeJson(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[64];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int i = read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        while (i < read && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < read && head[i] == (byte)'{';
    }
}
