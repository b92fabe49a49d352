using System.Diagnostics;
using System.Text;

namespace Esp32At.Fuzz;

/// <summary>
/// An in-process run without coverage guidance: mutated ESP output (realistic fragments, random bytes, bit flips,
/// cuts, repeats, inserted digits) through <see cref="ParserTarget"/>, counting inputs and saving any crash.
/// </summary>
public static class RandomRun
{
    private static readonly string[] Fragments =
    [
        "\r\nOK\r\n", "\r\nERROR\r\n", "\r\nSEND OK\r\n", "\r\nbusy p...\r\n", "\r\nready\r\n", "\r\n>", "0,CONNECT\r\n",
        "1,CLOSED\r\n", "+IPD,0,5\r\n", "+IPD,0,5:hello\r\n", "+IPD,3,4,\"10.0.0.2\",80:abcd", "+CIPRECVDATA:5,\"1.2.3.4\",80,abcde\r\nOK\r\n",
        "+CIPRECVLEN:0,5,-1,-1,-1\r\n", "WIFI GOT IP\r\n", "+CWJAP:2\r\n", "ERR CODE:0x01090000\r\n", "\r\n",
    ];

    public static int Run(long count, int seed, string crashDir)
    {
        var rnd = new Random(seed);
        var sw = Stopwatch.StartNew();
        long crashes = 0;
        var buffer = new List<byte>();
        for (long i = 0; i < count; i++)
        {
            buffer.Clear();
            int pieces = rnd.Next(1, 30);
            for (int p = 0; p < pieces; p++)
            {
                if (rnd.Next(5) == 0)
                {
                    var noise = new byte[rnd.Next(1, 20)];
                    rnd.NextBytes(noise);
                    buffer.AddRange(noise);
                }
                else buffer.AddRange(Encoding.Latin1.GetBytes(Fragments[rnd.Next(Fragments.Length)]));
            }
            for (int m = rnd.Next(0, 6); m > 0 && buffer.Count > 0; m--)
            {
                int at = rnd.Next(buffer.Count);
                switch (rnd.Next(4))
                {
                    case 0: buffer[at] ^= (byte)(1 << rnd.Next(8)); break;
                    case 1: buffer.RemoveAt(at); break;
                    case 2: buffer.InsertRange(at, buffer.GetRange(at, Math.Min(8, buffer.Count - at))); break;
                    default: buffer.Insert(at, (byte)('0' + rnd.Next(10))); break;
                }
            }
            var input = buffer.ToArray();
            try
            {
                ParserTarget.Run(input);
            }
            catch (Exception e)
            {
                crashes++;
                Directory.CreateDirectory(crashDir);
                var path = Path.Combine(crashDir, $"crash-{seed}-{i}.bin");
                File.WriteAllBytes(path, input);
                Console.Error.WriteLine($"crash #{crashes} at input {i}: {e.GetType().Name}: {e.Message} -> {path}");
            }
            if ((i + 1) % 1_000_000 == 0) Console.WriteLine($"{i + 1} inputs, {crashes} crashes, {sw.Elapsed.TotalSeconds:0} s");
        }
        Console.WriteLine($"done: {count} inputs, {crashes} crashes, {sw.Elapsed.TotalSeconds:0.0} s, seed {seed}");
        return crashes == 0 ? 0 : 1;
    }
}
