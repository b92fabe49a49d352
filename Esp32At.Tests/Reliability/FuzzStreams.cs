using System.Text;
using CsCheck;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Generators of ESP output for fuzzing: fragments the firmware really sends (results, URCs, frames, prompts, banners)
/// mixed with random bytes, then mutated (bit flips, cuts, repeats, inserted noise).
/// </summary>
public static class FuzzStreams
{
    private static readonly string[] Fragments =
    [
        "\r\nOK\r\n", "\r\nERROR\r\n", "\r\nFAIL\r\n", "\r\nSEND OK\r\n", "\r\nSEND FAIL\r\n", "\r\nbusy p...\r\n",
        "\r\nSEND Canceled\r\n", "ERR CODE:0x01090000\r\n", "\r\nready\r\n", "\r\n>", ">", "\r\nOK\r\n\r\n>",
        "0,CONNECT\r\n", "1,CLOSED\r\n", "+IPD,0,5\r\n", "+IPD,4,2920\r\n", "+IPD,0,5:hello\r\n", "+IPD,3,\"10.0.0.2\",80:",
        "+CIPRECVDATA:5,\"192.168.1.2\",8080,abcde\r\nOK\r\n", "+CIPRECVDATA:3,xyz", "+CIPRECVLEN:0,5,-1,-1,-1\r\n",
        "WIFI CONNECTED\r\n", "WIFI GOT IP\r\n", "WIFI DISCONNECT\r\n", "+CWJAP:2\r\n", "+STA_CONNECTED:\"aa:bb:cc:dd:ee:ff\"\r\n",
        "+CIPSTATE:0,\"TCP\",\"10.0.0.1\",80,4000,0\r\n", "Recv 5 bytes\r\n", "+TIME_UPDATED\r\n", "\r\n", "\u00ff\u0000\u001b",
    ];

    /// <summary>One realistic fragment or a short run of random bytes.</summary>
    public static readonly Gen<byte[]> Piece = Gen.Frequency(
        (4, Gen.Int[0, Fragments.Length - 1].Select(i => Encoding.Latin1.GetBytes(Fragments[i]))),
        (1, Gen.Byte.Array[1, 24]));

    /// <summary>A stream of pieces, then mutated.</summary>
    public static readonly Gen<byte[]> Stream =
        Gen.Select(Piece.Array[1, 40], Gen.Int.Array[0, 8], (pieces, mutations) => Mutate(Concat(pieces), mutations));

    /// <summary>Random bytes only.</summary>
    public static readonly Gen<byte[]> Random = Gen.Byte.Array[0, 4000];

    private static byte[] Concat(byte[][] pieces)
    {
        var all = new List<byte>();
        foreach (var p in pieces) all.AddRange(p);
        return [.. all];
    }

    /// <summary>Applies mutations chosen by <paramref name="seeds"/>: flip a bit, cut a byte, repeat a run, insert a digit.</summary>
    public static byte[] Mutate(byte[] data, int[] seeds)
    {
        var list = new List<byte>(data);
        foreach (int seed in seeds)
        {
            if (list.Count == 0) break;
            int at = (int)((uint)seed % (uint)list.Count);
            switch ((uint)seed / 7919 % 4)
            {
                case 0: list[at] ^= (byte)(1 << (seed & 7)); break;
                case 1: list.RemoveAt(at); break;
                case 2: list.InsertRange(at, list.GetRange(at, Math.Min(8, list.Count - at))); break;
                default: list.Insert(at, (byte)('0' + (seed & 7))); break;
            }
        }
        return [.. list];
    }
}
