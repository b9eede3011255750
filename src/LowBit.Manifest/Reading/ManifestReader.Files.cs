using System;
using System.IO;

namespace LowBit.Manifest;

// File access lives apart from the rest of the reader: the source generator compiles the manifest
// library in, and analyzers must not touch the file system (it reads models through AdditionalText).
public static partial class ManifestReader
{
    public static ModelManifest ReadFile(string path, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes) =>
        ReadBytes(ReadFileBytes(path, maxFileBytes), path, maxFileBytes);

    /// <summary>
    /// The bytes of a manifest file, not yet interpreted. A path that is missing, a directory, too large
    /// or unreadable is a <see cref="ManifestException"/> in the reader's words (never the OS's message).
    /// </summary>
    public static byte[] ReadFileBytes(string path, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes)
    {
        FileInfo file;
        try
        {
            if (Directory.Exists(path))
            {
                throw Fail(path, "$", "expected a manifest file, but the path is a directory");
            }

            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw Fail(path, "$", "expected a manifest file, found nothing at this path");
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or UnauthorizedAccessException or PathTooLongException)
        {
            throw Fail(path, "$", "expected a file path, found one that cannot be opened (invalid characters, too long, or not accessible)");
        }

        CheckSize(path, file.Length, maxFileBytes);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw Fail(path, "$", "expected a readable file, found one this user may not read (permission denied)");
        }
        catch (IOException)
        {
            throw Fail(path, "$", "expected a readable file, found one that cannot be read (an I/O error; is it on a disconnected drive?)");
        }
    }
}
