using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace LowBit.Manifest;

/// <summary>
/// Typed access to the members of one JSON object, failing with the member's JSON path and what was
/// expected. Every member read is recorded so <see cref="RejectUnknownMembers"/> can refuse typos
/// such as "strid", which would otherwise silently fall back to a default.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path, string filePath)
    {
        Path = path;
        FilePath = filePath;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"expected a JSON object, found {Describe(element)}");
        }

        _element = element;
    }

    public string Path { get; }

    public string FilePath { get; }

    public string MemberPath(string name) => $"{Path}.{name}";

    public ManifestException Error(string path, string message, ManifestErrorKind kind = ManifestErrorKind.Invalid) =>
        new(new ManifestError(FilePath, path, message, kind));

    public bool Has(string name)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out _);
    }

    public JsonElement Require(string name)
    {
        _known.Add(name);
        if (!_element.TryGetProperty(name, out var value))
        {
            var misspelling = FindMisspelling(name);
            var hint = misspelling is null ? string.Empty : $" (is \"{misspelling}\" a misspelling of it?)";
            throw Error(MemberPath(name), $"expected member \"{name}\", found no such member{hint}");
        }

        return value;
    }

    public JsonObjectReader RequireObject(string name) => new(Require(name), MemberPath(name), FilePath);

    public string RequireString(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Error(MemberPath(name), $"expected a string, found {Describe(value)}");
        }

        return value.GetString()!;
    }

    public bool RequireBool(string name)
    {
        var value = Require(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(MemberPath(name), $"expected true or false, found {Describe(value)}"),
        };
    }

    public int RequireInt(string name) => ReadInt(Require(name), MemberPath(name));

    public float RequireFloat(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out var result))
        {
            throw Error(MemberPath(name), $"expected a number, found {Describe(value)}");
        }

        // Depending on the runtime, a number beyond float32 range parses as infinity or fails; name its text either way.
        if (float.IsInfinity(result) || float.IsNaN(result))
        {
            throw Error(MemberPath(name), $"expected a number within the float32 range (±3.4028235E+38), found {Describe(value)}");
        }

        return result;
    }

    public int[] RequireIntArray(string name)
    {
        var value = Require(name);
        var path = MemberPath(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of integers, found {Describe(value)}");
        }

        return value.EnumerateArray().Select((item, i) => ReadInt(item, $"{path}[{i}]")).ToArray();
    }

    public int[] RequireIntArray(string name, int length)
    {
        var values = RequireIntArray(name);
        if (values.Length != length)
        {
            throw Error(MemberPath(name), $"expected an array of {length} integers, found {values.Length}");
        }

        return values;
    }

    public IReadOnlyList<string> RequireStringArray(string name)
    {
        var value = Require(name);
        var path = MemberPath(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array of strings, found {Describe(value)}");
        }

        return value.EnumerateArray()
            .Select((item, i) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Error($"{path}[{i}]", $"expected a string, found {Describe(item)}"))
            .ToArray();
    }

    public byte[] RequireBase64(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var bytes))
        {
            throw Error(MemberPath(name), $"expected base64 data, found {Describe(value)}");
        }

        return bytes;
    }

    /// <summary>Base64 of little-endian 4-byte values; the byte count must be a multiple of 4.</summary>
    public byte[] RequireBase64Words(string name)
    {
        var bytes = RequireBase64(name);
        if (bytes.Length % 4 != 0)
        {
            throw Error(MemberPath(name), $"expected base64 of 4-byte little-endian values, found {bytes.Length} bytes (not a multiple of 4)");
        }

        return bytes;
    }

    public JsonElement.ArrayEnumerator RequireArray(string name)
    {
        var value = Require(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(MemberPath(name), $"expected an array, found {Describe(value)}");
        }

        return value.EnumerateArray();
    }

    /// <summary>
    /// Refuses members that were never read (typos, members of another format version) and members
    /// given twice (JSON allows it, but which one counts would be the parser's choice, not the author's).
    /// </summary>
    public void RejectUnknownMembers()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in _element.EnumerateObject())
        {
            if (!_known.Contains(member.Name))
            {
                var expected = string.Join(", ", _known.OrderBy(n => n, StringComparer.Ordinal));
                throw Error(MemberPath(member.Name), $"expected one of the members {expected}; found unknown member \"{member.Name}\"");
            }

            seen[member.Name] = seen.TryGetValue(member.Name, out var count) ? count + 1 : 1;
        }

        foreach (var pair in seen.Where(pair => pair.Value > 1))
        {
            throw Error(MemberPath(pair.Key), $"expected each member once, found \"{pair.Key}\" {pair.Value} times");
        }
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A member of this object that is no manifest member name but close to <paramref name="name"/>, or null.</summary>
    private string? FindMisspelling(string name)
    {
        foreach (var member in _element.EnumerateObject())
        {
            if (!JsonNames.All.Contains(member.Name)
                && (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase) || EditDistance(member.Name, name) <= 2))
            {
                return member.Name;
            }
        }

        return null;
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Quote(string text) => text.Length > 40 ? $"\"{text.Substring(0, 37)}...\"" : $"\"{text}\"";

    private int ReadInt(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result))
        {
            throw Error(path, $"expected a 32-bit integer, found {Describe(value)}");
        }

        return result;
    }
}
