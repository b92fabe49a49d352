using Esp32At.Emulator.Core;

namespace Esp32At.Benchmarks.Line;

/// <summary>The physical limit: a UART at 8N1 carries baud / 10 bytes a second in each direction.</summary>
public static class LineRate
{
    /// <summary>Bytes per second at <paramref name="baud"/>.</summary>
    public static double BytesPerSecond(int baud) => (double)baud / UartModel.BitsPerByte;

    /// <summary>Seconds <paramref name="bytes"/> take on the wire at <paramref name="baud"/>.</summary>
    public static double Seconds(long bytes, int baud) => bytes / BytesPerSecond(baud);

    /// <summary>Goodput as a fraction of the line rate.</summary>
    public static double Ratio(long bytes, double seconds, int baud) => bytes / seconds / BytesPerSecond(baud);
}
