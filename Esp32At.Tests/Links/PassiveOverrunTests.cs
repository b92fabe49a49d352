using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>
/// A host UART overrun on a passive link (the emulator's injected overrun, counted in
/// <c>InProcessPort.HostOverrunBytes</c>, which the transport reports as receive errors): a read whose
/// <c>+CIPRECVDATA</c> answer was due fails loudly (<see cref="LinkResetException"/> naming the link, nothing of the
/// answer handed out), the parser finds the next line start, and the line works again byte for byte. A hole outside a
/// read's answer (in a notice) costs nothing but the notice.
/// </summary>
public sealed class PassiveOverrunTests
{
    private const int Burst = 2000;

    private static readonly byte[] Trap = "\r\nready\r\nWIFI DISCONNECT\r\n+IPD,0,99\r\n"u8.ToArray();

    private static byte[] Pattern(int seed, int size)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static LoopbackServer Sender(byte[] data) => new(s =>
    {
        s.Write(data, 0, data.Length);
        try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
    });

    // "+CIPRECVDATA:2000,"127.0.0.1",<port>," is 31-35 bytes: 5 lands in its prefix (the payload then follows
    // unframed: its lines are noise until the answer's OK), 400 in the payload, and 35 + 2000 + 2 on the "OK" after it.
    [Theory]
    [InlineData(5, 7)]
    [InlineData(400, 7)]
    [InlineData(400, 1)]
    [InlineData(2037, 2)]
    public void AReadWhoseAnswerLostBytesFailsTheLinkByNameAndTheLineRecovers(int after, int lost)
    {
        var data = Pattern(41, Burst);
        Trap.CopyTo(data, 1000); // payload that looks like a reboot and URCs: never to be parsed as lines
        var next = Pattern(42, 3000);
        using var server = Sender(data);
        using var nextServer = Sender(next);
        using var rig = new EmulatedLinksRig();
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, Burst);
        rig.Emulator.Faults.HostOverrun(lost, after);
        int before = rig.Wire.Written.Length;

        var buffer = new byte[1000];
        var failure = Assert.Throws<LinkResetException>(() => rig.Links.Receive(id, buffer, 0, buffer.Length, 5000));

        Assert.Equal(lost, rig.Emulator.Port.HostOverrunBytes); // the fault really happened, exactly once
        Assert.Equal(id, failure.LinkId);
        Assert.Contains($"link {id} was reset", failure.Message);
        Assert.Contains("lost on the UART during a receive answer", failure.Message);
        Assert.Equal($"AT+CIPRECVDATA={id},5760\r\n", rig.Wire.Written[before..]); // one read of a window, not retried
        Assert.Equal(LinkState.Reset, rig.Links.StateOf(id));
        Assert.Throws<LinkResetException>(() => rig.Links.Receive(id, buffer, 0, buffer.Length, 100)); // and stays failed
        Assert.Equal(new byte[buffer.Length], buffer); // nothing of the damaged answer reached the caller

        before = rig.Wire.Written.Length;
        rig.Links.Close(id);
        Assert.Equal($"AT+CIPCLOSE={id}\r\n", rig.Wire.Written[before..]);

        // In step again: a new link's bytes arrive exactly, and a command gets its own answer.
        int again = rig.Links.OpenTcp("127.0.0.1", nextServer.Port);
        Assert.Equal(next, rig.ReadAll(again, next.Length, 700));
        Assert.Equal("1", rig.Device.Executor.Execute("AT+CIPRECVMODE?", 2000).Find("+CIPRECVMODE:"));
        // The trap's "ready" was not taken for a reboot (the device would have set the ESP up again: a second AT+GMR).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rig.Wire.Written, "AT\\+GMR\r\n"));
        rig.Links.Close(again);
    }

    [Fact]
    public void AHoleInANoticeIsNoReadsFailure_TheBytesArriveExactlyOnce()
    {
        var data = Pattern(43, Burst);
        using var rig = new EmulatedLinksRig();
        // The hole takes "+IPD" of the notice "\r\n+IPD,0,2000\r\n": the rest of that line is dropped, not parsed.
        rig.Emulator.Faults.HostOverrun(4, 2);
        using var server = Sender(data);
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);

        var got = rig.ReadAll(id, Burst, 500); // the lost notice is made up for by CIPRECVLEN?

        Assert.Equal(4, rig.Emulator.Port.HostOverrunBytes);
        Assert.True(rig.Device.Executor.ReceiveLosses > 0);
        Assert.Equal(data, got);
        Assert.Equal(LinkState.Open, rig.Links.StateOf(id));
        rig.Links.Close(id);
    }
}
