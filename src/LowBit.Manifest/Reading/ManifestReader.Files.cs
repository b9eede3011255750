using System;
using System.IO;

namespace LowBit.Manifest;

// File access lives apart from the rest of the reader: the source generator compiles the manifest
// library in, and analyzers must not touch the file system (it reads models through AdditionalText).
public static partial class ManifestReader
{
    public static ModelManifest ReadFile(string path, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw Fail(path, "$", "expected a manifest file, found nothing at this path");
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or UnauthorizedAccessException or PathTooLongException)
        {
            throw Fail(path, "$", $"expected a readable file path, found one that cannot be opened: {e.Message}");
        }

        CheckSize(path, file.Length, maxFileBytes);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(path, "$", $"expected a readable file, found one that cannot be read: {e.Message}");
        }

        return ReadBytes(bytes, path, maxFileBytes);
    }
}
