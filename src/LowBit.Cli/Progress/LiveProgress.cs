using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace LowBit.Cli.Progress;

/// <summary>
/// One live progress line on a terminal — label, bar, count, details, throughput, ETA — redrawn in place with a
/// carriage return and replaced by a summary line that stays. Redirected output gets only the summary lines:
/// a log wants one line per epoch, not a thousand redraws.
/// </summary>
public sealed class LiveProgress
{
    private const int BarWidth = 20;
    private const string ClearToEndOfLine = "\u001b[K";
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _output;
    private readonly Stopwatch _sinceRedraw = new();
    private bool _lineShown;

    public LiveProgress(TextWriter output, bool terminal)
    {
        _output = output;
        IsLive = terminal;
    }

    /// <summary>Whether lines are redrawn in place (a terminal) or only summaries are written (a file or pipe).</summary>
    public bool IsLive { get; }

    /// <summary>Redraws the live line, at most every 100 ms and always on the last item; nothing when redirected.</summary>
    public void Update(string label, long done, long total, string unit, TimeSpan elapsed, string? detail = null)
    {
        if (!IsLive || (_sinceRedraw.IsRunning && _sinceRedraw.Elapsed < RedrawInterval && done < total))
        {
            return;
        }

        _sinceRedraw.Restart();
        _output.Write("\r" + Describe(label, done, total, unit, elapsed, detail) + ClearToEndOfLine);
        _output.Flush();
        _lineShown = true;
    }

    /// <summary>Replaces the live line by <paramref name="summary"/>, which stays; when redirected, just writes it.</summary>
    public void Complete(string summary)
    {
        Clear();
        _output.WriteLine(summary);
        _output.Flush();
    }

    /// <summary>Erases the live line, so what follows starts on a clean line.</summary>
    public void Clear()
    {
        if (_lineShown)
        {
            _output.Write("\r" + ClearToEndOfLine);
            _lineShown = false;
        }

        _sinceRedraw.Reset();
    }

    /// <summary>"epoch 2/5 [#######-------------] 45/125 · loss 0.4312 · 812 img/s · ETA 0:07".</summary>
    public static string Describe(string label, long done, long total, string unit, TimeSpan elapsed, string? detail)
    {
        double fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        int filled = (int)Math.Round(fraction * BarWidth);
        var line = new StringBuilder();
        line.Append(label).Append(" [").Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(done.ToString(CultureInfo.InvariantCulture)).Append('/').Append(total.ToString(CultureInfo.InvariantCulture));
        if (detail is not null)
        {
            line.Append(" · ").Append(detail);
        }

        double seconds = elapsed.TotalSeconds;
        if (seconds > 0 && done > 0)
        {
            double rate = done / seconds;
            line.Append(" · ").Append(rate.ToString("F0", CultureInfo.InvariantCulture)).Append(' ').Append(unit).Append("/s");
            line.Append(" · ETA ").Append(Clock(TimeSpan.FromSeconds((total - done) / rate)));
        }

        return line.ToString();
    }

    private static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
