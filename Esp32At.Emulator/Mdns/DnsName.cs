using System.Text;

namespace Esp32At.Emulator.Mdns;

/// <summary>Domain names on the wire (RFC 1035 §3.1, §4.1.4): labels out uncompressed, labels in with compression pointers.</summary>
public static class DnsName
{
    /// <summary>Appends <paramref name="name"/> (dot-separated, a trailing dot optional) as length-prefixed labels.</summary>
    public static void Write(List<byte> output, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetBytes(label);
            if (bytes.Length > 63) throw new ArgumentException($"DNS label longer than 63 bytes: {label}", nameof(name));
            output.Add((byte)bytes.Length);
            output.AddRange(bytes);
        }
        output.Add(0);
    }

    /// <summary>Reads the name at <paramref name="offset"/> (which moves past it), following compression pointers.</summary>
    public static string Read(byte[] message, ref int offset)
    {
        var labels = new List<string>();
        int at = offset, jumps = 0;
        bool jumped = false;
        while (true)
        {
            if (at >= message.Length) throw new FormatException("DNS name runs past the message");
            int length = message[at];
            if ((length & 0xC0) == 0xC0)
            {
                if (at + 1 >= message.Length || ++jumps > 32) throw new FormatException("bad DNS compression pointer");
                int target = (length & 0x3F) << 8 | message[at + 1];
                if (!jumped) offset = at + 2;
                jumped = true;
                at = target;
                continue;
            }
            if ((length & 0xC0) != 0) throw new FormatException("unknown DNS label type");
            at++;
            if (length == 0) break;
            if (at + length > message.Length) throw new FormatException("DNS label runs past the message");
            labels.Add(Encoding.UTF8.GetString(message, at, length));
            at += length;
        }
        if (!jumped) offset = at;
        return string.Join('.', labels);
    }

    /// <summary>Whether two names are the same (DNS compares names case-insensitively, ASCII).</summary>
    public static bool Same(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
