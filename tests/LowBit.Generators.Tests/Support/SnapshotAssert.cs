using System;
using System.IO;
using System.Linq;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// Compares text to Snapshots/&lt;case&gt;/&lt;name&gt;.verified.cs in the source tree. On a mismatch it
/// writes &lt;name&gt;.received.cs beside it and fails with the first differing lines; LOWBIT_ACCEPT=1
/// writes the verified file instead. See Snapshots/README.md.
/// </summary>
internal static class SnapshotAssert
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "LowBit.Generators.Tests", "Snapshots");

    public static bool Accepting => Environment.GetEnvironmentVariable("LOWBIT_ACCEPT") == "1";

    public static void Matches(string caseName, string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var stem = Path.Combine(Directory, caseName, Path.GetFileNameWithoutExtension(name));
        string verified = stem + ".verified.cs", received = stem + ".received.cs";
        if (Accepting)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllText(verified, actual);
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        string[] e = (expected ?? string.Empty).Split('\n'), a = actual.Split('\n');
        var diff = Enumerable.Range(0, Math.Max(e.Length, a.Length))
            .Where(i => i >= e.Length || i >= a.Length || e[i] != a[i]).Take(20)
            .Select(i => $"{i + 1,5} - {(i < e.Length ? e[i] : "<end>")}\n{i + 1,5} + {(i < a.Length ? a[i] : "<end>")}");
        Assert.Fail($"{(expected is null ? "No snapshot" : "Snapshot differs")}: {verified}\nReceived: {received} (LOWBIT_ACCEPT=1 accepts)\n{string.Join("\n", diff)}");
    }
}
