using Esp32At.Emulator.Profiles;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using static Esp32At.Tests.Links.ActiveRig;
using Rig = Esp32At.Tests.Links.ActiveRig;

namespace Esp32At.Tests.Links;

/// <summary>
/// Opt-in active receive for TCP links (Esp32AtOptions.ActiveTcpReceive): the mode commands on the wire (per link on
/// v3.3+, global on v2.2), reads served from the link's buffer with nothing on the wire, and flow control: a slow
/// reader with RTS/CTS loses no byte (without flow control: ActiveOverrunTests).
/// </summary>
public class ActiveReceiveTests
{
    [Fact]
    public void PerLinkModeOnV33AndLaterThenReadsPutNothingOnTheWire()
    {
        var data = Pattern(1, 5000);
        using var server = Sender(data);
        using var rig = new Rig(FirmwareProfile.V4_1_1_C3);
        int before = rig.Wire.Written.Length;
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal($"AT+CIPRECVTYPE={id},0\r\nAT+CIPSTART={id},\"TCP\",\"127.0.0.1\",{server.Port},,,20000\r\n", rig.Wire.Written[before..]);
        int opened = rig.Wire.Written.Length;

        var got = ReadSlowly(rig.Links, id, data.Length, 700, 0, 5000);

        Assert.Equal(data, got);
        Assert.Equal(opened, rig.Wire.Written.Length); // no CIPRECVDATA, no CIPRECVLEN?
        rig.Links.Close(id);
    }

    [Fact]
    public void V22SwitchesTheOneGlobalModeAtInitialisationAndOpensWithoutAModeCommand()
    {
        var data = Pattern(2, 3000);
        using var server = Sender(data);
        using var rig = new Rig(FirmwareProfile.V2_2_C3);
        Assert.Contains("AT+CIPRECVMODE=0\r\n", rig.Wire.Written);
        Assert.DoesNotContain("AT+CIPRECVMODE=1", rig.Wire.Written);
        int before = rig.Wire.Written.Length;
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal($"AT+CIPSTART={id},\"TCP\",\"127.0.0.1\",{server.Port}\r\n", rig.Wire.Written[before..]);
        int opened = rig.Wire.Written.Length;

        Assert.Equal(data, ReadSlowly(rig.Links, id, data.Length, 1024, 0, 5000));
        Assert.Equal(opened, rig.Wire.Written.Length);
        rig.Links.Close(id);
    }

    [Fact]
    public void EndOfStreamAfterTheLastBufferedByte()
    {
        var data = Pattern(3, 4000);
        using var server = new LoopbackServer(s => s.Write(data, 0, data.Length)); // sends, then closes
        using var rig = new Rig(FirmwareProfile.V4_1_1_C3);
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        Thread.Sleep(300); // CLOSED arrives while the bytes still wait in the link's buffer
        Assert.Equal(data, ReadSlowly(rig.Links, id, data.Length, 1000, 0, 5000));
        var one = new byte[1];
        Assert.Equal(0, rig.Links.Receive(id, one, 0, 1, 5000));
        Assert.Equal(LinkState.Free, rig.Links.StateOf(id));
    }

    [Fact]
    public void ClosingWhileThePumpWaitsForRoomDiscardsTheRestAndTheIdWorksAgain()
    {
        var big = Pattern(4, 64 * 1024);
        var fresh = Pattern(5, 1000);
        using var serverOld = Sender(big);
        using var serverNew = Sender(fresh);
        using var rig = new Rig(FirmwareProfile.V4_1_1_C3, bufferBytes: 4096);
        int id = rig.Links.OpenTcp("127.0.0.1", serverOld.Port);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (rig.Links.Available(id) < 4096 && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(4096, rig.Links.Available(id)); // full: the pump waits for room
        rig.Links.Close(id);

        int again = rig.Links.OpenTcp("127.0.0.1", serverNew.Port);
        Assert.Equal(fresh, ReadSlowly(rig.Links, again, fresh.Length, 1000, 0, 5000));
        rig.Links.Close(again);
    }

    [Fact]
    public void SlowReaderWithRtsCtsLosesNoByteOf256KiB()
    {
        var data = Pattern(6, 256 * 1024);
        using var server = Sender(data);
        using var rig = new Rig(FirmwareProfile.V4_1_1_C3, baud: 921600, flow: true, bufferBytes: 4096, hostBuffer: 2048);
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);

        var got = ReadSlowly(rig.Links, id, data.Length, 1024, 1, 5000);

        Assert.Equal(data.Length, got.Length);
        Assert.True(data.AsSpan().SequenceEqual(got), "the stream differs");
        Assert.Equal(0, rig.Emulator.Port.HostOverrunBytes);
        rig.Links.Close(id);
    }
}
