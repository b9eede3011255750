using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;

namespace LowBit.Generators;

/// <summary>
/// Finds where a JSON path such as <c>$.layers[2].weights.bits</c> sits in a manifest's text, so a
/// diagnostic underlines the offending value in the IDE. A missing member locates its parent object.
/// </summary>
internal static class JsonPathLocator
{
    public static (TextSpan Span, LinePositionSpan LineSpan) Locate(SourceText text, string jsonPath)
    {
        var whole = text.ToString();
        var target = Parse(jsonPath);
        if (target is null || target.Count == 0)
        {
            return (default, default);
        }

        var utf8 = Encoding.UTF8.GetBytes(whole);
        var best = FindDeepestMatch(utf8, target);
        if (best is not var (start, end))
        {
            return (default, default);
        }

        // Token offsets are in UTF-8 bytes; the source text counts UTF-16 chars.
        int charStart = Encoding.UTF8.GetCharCount(utf8, 0, (int)start);
        int charEnd = charStart + Encoding.UTF8.GetCharCount(utf8, (int)start, (int)(end - start));
        var span = TextSpan.FromBounds(charStart, Math.Min(charEnd, text.Length));
        return (span, text.Lines.GetLinePositionSpan(span));
    }

    private static List<object>? Parse(string jsonPath)
    {
        if (!jsonPath.StartsWith("$", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = new List<object>();
        int i = 1;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                int end = i + 1;
                while (end < jsonPath.Length && jsonPath[end] != '.' && jsonPath[end] != '[')
                {
                    end++;
                }

                segments.Add(jsonPath.Substring(i + 1, end - i - 1));
                i = end;
            }
            else if (jsonPath[i] == '[')
            {
                int close = jsonPath.IndexOf(']', i);
                if (close < 0 || !int.TryParse(jsonPath.Substring(i + 1, close - i - 1), out var index))
                {
                    return null;
                }

                segments.Add(index);
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    /// <summary>Byte range of the value at the longest prefix of <paramref name="target"/> present in the document.</summary>
    private static (long Start, long End)? FindDeepestMatch(byte[] utf8, List<object> target)
    {
        (long, long)? best = null;
        int bestDepth = -1;
        var path = new List<object>();
        var arrayIndex = new Stack<int>();
        string? pendingName = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pendingName = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        arrayIndex.Pop();
                    }

                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    continue;
                }

                // A value: work out its path segment.
                bool isRoot = reader.CurrentDepth == 0;
                if (!isRoot)
                {
                    path.Add(pendingName is not null ? pendingName : arrayIndex.Peek());
                    if (pendingName is null)
                    {
                        arrayIndex.Push(arrayIndex.Pop() + 1);
                    }
                }

                pendingName = null;
                long start = reader.TokenStartIndex;
                int depth = MatchingDepth(path, target);
                bool container = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                if (depth == path.Count && depth > bestDepth)
                {
                    bestDepth = depth;
                    long end = container ? start + 1 : reader.BytesConsumed;
                    best = (start, end);
                    if (depth == target.Count)
                    {
                        return best;
                    }
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    arrayIndex.Push(0);
                }
                else if (!container && !isRoot)
                {
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        catch (JsonException)
        {
            // Broken JSON: keep the best match found before the damage.
        }

        return best;
    }

    private static int MatchingDepth(List<object> path, List<object> target)
    {
        int n = Math.Min(path.Count, target.Count);
        for (int i = 0; i < n; i++)
        {
            if (!Equals(path[i], target[i]))
            {
                return i;
            }
        }

        return n;
    }
}
