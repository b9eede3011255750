using System.Collections.Generic;
using System.Text;

namespace LowBit.Cli.Tests.Progress;

/// <summary>
/// What a terminal shows after receiving some output: carriage returns move to the start of the line, "ESC[K"
/// erases to its end, newlines keep a line. Enough of a terminal to check a redrawn progress line.
/// </summary>
internal static class TerminalScreen
{
    private const string ClearToEndOfLine = "\u001b[K";

    public static IReadOnlyList<string> Render(string output)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        int column = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (string.CompareOrdinal(output, i, ClearToEndOfLine, 0, ClearToEndOfLine.Length) == 0)
            {
                line.Length = column;
                i += ClearToEndOfLine.Length - 1;
            }
            else if (output[i] == '\r')
            {
                column = 0;
            }
            else if (output[i] == '\n')
            {
                lines.Add(line.ToString());
                line.Clear();
                column = 0;
            }
            else
            {
                if (column < line.Length)
                {
                    line[column] = output[i];
                }
                else
                {
                    line.Append(output[i]);
                }

                column++;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
