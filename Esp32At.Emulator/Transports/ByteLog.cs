using System.Diagnostics;
using System.Text;

namespace Esp32At.Emulator.Transports;

/// <summary>Which way bytes travel on the emulated UART.</summary>
public enum LineDirection
{
    /// <summary>Host → ESP (logged as <c>H&gt;</c>).</summary>
    ToEmulator,
    /// <summary>ESP → host (logged as <c>E&lt;</c>).</summary>
    ToHost,
}

/// <summary>
/// A readable, timestamped log of both directions of the UART, one line per write:
/// <c>12.345 H&gt; AT+GMR\r\n</c> / <c>12.350 E&lt; \r\nOK\r\n</c> (seconds since the log started; CR, LF, TAB, backslash
/// and non-printable bytes escaped, so one write is always one log line). Attach it with
/// <see cref="InProcessPort.Log"/>; thread-safe; flushed per line so <c>tail -f</c> follows it.
/// </summary>
public sealed class ByteLog : IDisposable
{
    private readonly object gate = new();
    private readonly TextWriter writer;
    private readonly bool ownsWriter;
    private readonly long start = Stopwatch.GetTimestamp();

    /// <summary>Logs to <paramref name="writer"/> (disposed with the log when <paramref name="ownsWriter"/>).</summary>
    public ByteLog(TextWriter writer, bool ownsWriter = false)
    {
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /// <summary>Logs to a new file at <paramref name="path"/> (replaced if it exists).</summary>
    public static ByteLog ToFile(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true }, ownsWriter: true);

    /// <summary>Logs one write of <paramref name="count"/> bytes; <paramref name="note"/> (e.g. a fault) is appended in brackets.</summary>
    public void Write(LineDirection direction, byte[] bytes, int offset, int count, string? note = null)
    {
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var sb = new StringBuilder(count + 24);
        sb.Append(seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(direction == LineDirection.ToEmulator ? " H> " : " E< ");
        Escape(sb, bytes, offset, count);
        if (note is not null) sb.Append(" [").Append(note).Append(']');
        lock (gate)
        {
            writer.WriteLine(sb.ToString());
            writer.Flush();
        }
    }

    /// <summary>The escaped form used in the log: printable ASCII as is, <c>\r \n \t \\</c>, else <c>\xNN</c>.</summary>
    public static string Escape(byte[] bytes, int offset, int count)
    {
        var sb = new StringBuilder(count);
        Escape(sb, bytes, offset, count);
        return sb.ToString();
    }

    private static void Escape(StringBuilder sb, byte[] bytes, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
        {
            byte b = bytes[i];
            switch (b)
            {
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
                    else sb.Append("\\x").Append(b.ToString("X2"));
                    break;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (ownsWriter) writer.Dispose();
            else writer.Flush();
        }
    }
}
