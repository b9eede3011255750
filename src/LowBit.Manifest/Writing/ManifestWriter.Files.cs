using System.IO;

namespace LowBit.Manifest;

// File access lives apart from the rest of the writer: the source generator compiles the manifest
// library in, and analyzers must not touch the file system.
public static partial class ManifestWriter
{
    public static void WriteFile(ModelManifest manifest, string path) =>
        File.WriteAllBytes(path, ToUtf8(manifest, path));
}
