using System;

namespace LowBit.Cli.Study;

/// <summary>
/// docs/results.md holds one section per network, each written by its own <c>lowbit study</c> run between
/// markers, so a study of one network (tens of minutes) refreshes its table without rerunning the others.
/// </summary>
public static class ResultsDocument
{
    public const string Header =
        "# Accuracy studies on the bundled MNIST digits\n\n" +
        "Each section is written by the `lowbit study` command it names; rerunning that command replaces its section and keeps the others. Do not edit by hand.\n";

    /// <summary>The document with the section named <paramref name="sectionName"/> (a network, or a network's fine-tuned study) replaced by <paramref name="section"/>
    /// (appended when there is none yet). <paramref name="existing"/> is null for a new file.</summary>
    /// <exception cref="FormatException">The file has content that is not a study document, or a section
    /// whose end marker is missing: rather than overwrite what we cannot place, the study refuses.</exception>
    public static string Upsert(string? existing, string sectionName, string section)
    {
        var (begin, end) = Markers(sectionName);
        var block = $"{begin}\n{section.TrimEnd('\n')}\n{end}";
        if (string.IsNullOrWhiteSpace(existing))
        {
            return $"{Header}\n{block}\n";
        }

        if (!existing.Contains("<!-- study ", StringComparison.Ordinal))
        {
            throw new FormatException("it has no study sections (\"<!-- study <model> -->\" markers), so it was not written by lowbit study; move it away or choose another --out");
        }

        var start = existing.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0)
        {
            return $"{existing.TrimEnd('\n')}\n\n{block}\n";
        }

        var stop = existing.IndexOf(end, start, StringComparison.Ordinal);
        if (stop < 0)
        {
            throw new FormatException($"its section \"{begin}\" has no end marker \"{end}\"");
        }

        return existing[..start] + block + existing[(stop + end.Length)..];
    }

    private static (string Begin, string End) Markers(string sectionName) => ($"<!-- study {sectionName} -->", $"<!-- /study {sectionName} -->");
}
