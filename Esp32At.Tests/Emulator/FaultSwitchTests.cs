using System.Diagnostics;
using System.Net;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Transports;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Emulator;

/// <summary>Each fault switch of <see cref="Faults"/> and its exact effect on the wire.</summary>
public class FaultSwitchTests
{
    [Fact]
    public void BusyOnNextCommandAnswersBusyAndDropsTheLine()
    {
        using var port = new RawPort();
        port.Emulator.Faults.BusyOnNextCommand();
        Assert.Equal("\r\nbusy p...\r\n", port.Command("AT", "busy p...\r\n")); // not echoed, not run
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void BusyOnNextCommandWritesTheErrCodeWithSysLog()
    {
        using var port = new RawPort();
        port.Command("AT+SYSLOG=1");
        port.Emulator.Faults.BusyOnNextCommand();
        Assert.Equal("ERR CODE:0x010b0000\r\n\r\nbusy p...\r\n", port.Command("AT", "busy p...\r\n"));
    }

    [Fact]
    public void BusyForAnswersBusyUntilTheTimeIsUp()
    {
        using var port = new RawPort();
        port.Emulator.Faults.BusyFor(300);
        Assert.Equal("\r\nbusy p...\r\n", port.Command("AT", "busy p...\r\n"));
        Assert.Equal("\r\nbusy p...\r\n", port.Command("AT+GMR", "busy p...\r\n"));
        Thread.Sleep(400); // the fault is defined by wall-clock time; nothing else to wait for
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void SlowCommandKeepsTheFirmwareBusyForItsDuration()
    {
        using var port = new RawPort();
        port.Emulator.Faults.SlowCommand("GMR", 300);
        var clock = Stopwatch.StartNew();
        Assert.Equal("AT+GMR\r\n", port.Command("AT+GMR", "AT+GMR\r\n"));
        Assert.Equal("\r\nbusy p...\r\n", port.Command("AT", "busy p...\r\n")); // input while it runs is dropped
        Assert.EndsWith("\r\nOK\r\n", port.ReadUntil("\r\nOK\r\n"));
        Assert.True(clock.ElapsedMilliseconds >= 300, $"took {clock.ElapsedMilliseconds} ms");
        port.Emulator.Faults.SlowCommand("GMR", 0);
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void SplitWritesDeliversEachWriteInPiecesOneReadEach()
    {
        using var port = new RawPort();
        port.Emulator.Faults.SplitWrites(3);
        port.Send("AT\r\n");
        var reads = ReadAll(port, "AT\r\n\r\nOK\r\n".Length);
        // The echo (4 bytes) and the result (6 bytes) are separate writes, each cut into pieces of 3.
        Assert.Equal(["AT\r", "\n", "\r\nO", "K\r\n"], reads);
    }

    [Fact]
    public void CoalesceWritesDeliversTheNextWritesAsOneBurst()
    {
        using var port = new RawPort();
        port.Emulator.Faults.CoalesceWrites(2);
        port.Send("AT\r\n");
        Assert.Equal(["AT\r\n\r\nOK\r\n"], ReadAll(port, 10));
        port.Emulator.Faults.SplitWrites(0);
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void DropBytesToHostLosesTheNextBytesTheEspWrites()
    {
        using var port = new RawPort();
        port.Emulator.Faults.DropBytes(2);
        Assert.Equal("\r\n\r\nOK\r\n", port.Command("AT")); // the echo's "AT" is lost
    }

    [Fact]
    public void DropBytesToEmulatorLosesTheNextBytesTheHostWrites()
    {
        using var port = new RawPort();
        port.Emulator.Faults.DropBytes(3, LineDirection.ToEmulator);
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("xyzAT"));
    }

    [Fact]
    public void InjectGarbageWritesTheBytesAsIs()
    {
        using var port = new RawPort();
        port.Emulator.Faults.InjectGarbage([0xFF, 0x00, (byte)'q']);
        Assert.Equal("\u00ff\0q", port.ReadUntil("q"));
    }

    [Fact]
    public void RebootWithGarbageThenReady()
    {
        using var port = new RawPort();
        port.Emulator.Faults.Reboot([0x80, 0x81]);
        Assert.Equal("\u0080\u0081\r\nready\r\n", port.ReadUntil("ready\r\n"));
    }

    [Fact]
    public void FailDnsFailsLookupsOfThatNameUntilRestored()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Links.Dns.Add("example.test", IPAddress.Loopback);
        port.Emulator.Faults.FailDns("example.test");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPDOMAIN=\"example.test\"", "ERROR\r\n"));
        port.Emulator.Faults.RestoreDns("example.test");
        Assert.Equal("+CIPDOMAIN:\"127.0.0.1\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"example.test\""));
    }

    [Fact]
    public void RefuseConnectFailsTheNextCipStartOnly()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Faults.RefuseConnect();
        var refused = port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}", "ERROR\r\n");
        Assert.EndsWith("\r\nERROR\r\n", refused);
        Assert.DoesNotContain("CONNECT", refused);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}"));
    }

    [Fact]
    public void RemoteCloseBeforeReadReportsClosedWithTheDataUnread()
    {
        using var server = new LoopbackServer(s =>
        {
            s.Write("hello"u8);
            s.ReadByte(); // keeps the connection until the emulator closes it
        });
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command(port.Emulator.Profile.HasCipRecvType ? "AT+CIPRECVTYPE=5,1" : "AT+CIPRECVMODE=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Faults.RemoteCloseBeforeRead(0);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("\r\n+IPD,0,5\r\n0,CLOSED\r\n", port.ReadUntil("CLOSED\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPRECVDATA=0,100", "ERROR\r\n"));
    }

    [Fact]
    public void AReadWhoseAnswerTheHeapCannotHoldAnswersErrorAndTakesNothing()
    {
        using var server = new LoopbackServer(s =>
        {
            s.Write("hello"u8);
            s.ReadByte();
        });
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command(port.Emulator.Profile.HasCipRecvType ? "AT+CIPRECVTYPE=5,1" : "AT+CIPRECVMODE=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("\r\n+IPD,0,5\r\n", port.ReadUntil("+IPD,0,5\r\n"));
        port.Emulator.Faults.ReadHeapBytes = 1128; // the answer of a read is its length + 128
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPRECVDATA=0,1001", "ERROR\r\n"));
        Assert.Equal("+CIPRECVDATA:5,hello\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,1000"));
    }

    /// <summary>Every host read until <paramref name="total"/> bytes came, each read as one string.</summary>
    private static List<string> ReadAll(RawPort port, int total)
    {
        var reads = new List<string>();
        var buf = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        int got = 0;
        while (got < total && DateTime.UtcNow < deadline)
        {
            int n = port.Emulator.Port.HostRead(buf, 0, buf.Length, 100);
            if (n == 0) continue;
            reads.Add(Encoding.Latin1.GetString(buf, 0, n));
            got += n;
        }
        return reads;
    }
}
