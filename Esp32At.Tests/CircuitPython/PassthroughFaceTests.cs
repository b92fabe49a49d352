using System.Text;
using Esp32At.CircuitPython;
using Esp32At.Engine;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// The seed's passthrough API (<c>pt_policy</c>, <c>passthrough</c>) over the library's PassthroughLink and the
/// emulator: the exact bytes of entering and leaving, raw payload both ways, the refusals, and a reboot inside.
/// </summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class PassthroughFaceTests : IDisposable
{
    private readonly CircuitPythonWifi w = new(new WifiInitOptions { PtPolicy = Esp32AtModule.PT_AUTO });
    private readonly SocketPool pool;

    public PassthroughFaceTests()
    {
        w.Radio.Connect("Home", "secret-pass");
        pool = new SocketPool(w.Radio);
        w.Mark();
    }

    public void Dispose() => w.Dispose();

    private Esp32At.CircuitPython.Socket Tcp() => pool.Socket(SocketPool.AF_INET, SocketPool.SOCK_STREAM);

    [Fact]
    public void AutoPolicy_ConnectEntersWithTheseBytes_PayloadIsRaw_CloseLeavesWithTimedEscape()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        var s = Tcp();
        s.SetTimeout(5);
        s.Connect("127.0.0.1", server.Port);
        Assert.Equal($"AT+CIPMUX=0\r\nAT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}\r\nAT+CIPMODE=1\r\nAT+CIPSEND\r\n", w.WrittenSinceMark);
        Assert.True(s.IsPassthrough);
        Assert.True(Esp32AtModule.Passthrough);

        w.Mark();
        var payload = Encoding.ASCII.GetBytes("\r\nOK\r\n+IPD,3:abc\r\nERROR\r\n");
        Assert.Equal(payload.Length, s.Send(payload));
        Assert.Equal(Encoding.Latin1.GetString(payload), w.WrittenSinceMark); // no CIPSEND framing
        Assert.Equal(payload, ReadExactly(s, payload.Length)); // no +IPD, nothing parsed

        w.Mark();
        s.Close();
        Assert.Equal("+++AT+CIPMODE=0\r\nAT+CIPCLOSE\r\nAT+CIPMUX=1\r\n", w.WrittenSinceMark);
        Assert.False(Esp32AtModule.Passthrough);
        Assert.Null(w.Emulator.Links[0]);
        Assert.Equal(new[] { "+CIPMUX:1" }, Esp32AtModule.Execute("AT+CIPMUX?"));
        Assert.Equal(new[] { "+CIPMODE:0" }, Esp32AtModule.Execute("AT+CIPMODE?"));
    }

    [Fact]
    public void TheEscapeIsALoneWriteWithTheGuardTimesAroundIt()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        var s = Tcp();
        s.Connect("127.0.0.1", server.Port);
        s.Send("x"u8.ToArray());
        var timed = new TimedWrites(w.Wire);
        s.Close();
        var writes = timed.Writes;
        int escape = writes.FindIndex(x => x.Text == "+++");
        Assert.True(escape >= 0, "+++ written alone");
        Assert.Equal("AT+CIPMODE=0\r\n", writes[escape + 1].Text);
        // The firmware's pattern rule: 20 ms idle before and after; the library keeps 50 ms and 1 s (Espressif) after.
        Assert.True(writes[escape].At - timed.Started >= TimeSpan.FromMilliseconds(AtExecutor.PassthroughGuardMs));
        Assert.True(writes[escape + 1].At - writes[escape].At >= TimeSpan.FromMilliseconds(1000));
    }

    [Fact]
    public void ManualPolicy_ConnectStaysInCommandMode_PassthroughPropertyEntersAndLeaves()
    {
        Esp32AtModule.PtPolicy = Esp32AtModule.PT_MANUAL;
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var s = Tcp();
        s.SetTimeout(5);
        s.Connect("127.0.0.1", server.Port);
        Assert.Equal($"AT+CIPMUX=0\r\nAT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}\r\nAT+CIPMODE=1\r\n", w.WrittenSinceMark);
        Assert.False(Esp32AtModule.Passthrough);
        Assert.Equal(Errno.ENOTCONN, Assert.Throws<OSError>(() => s.Send("x"u8.ToArray())).Errno);

        w.Mark();
        Esp32AtModule.Passthrough = true;
        Assert.Equal("AT+CIPSEND\r\n", w.WrittenSinceMark);
        Assert.True(Esp32AtModule.Passthrough);
        s.Send("+++"u8.ToArray()); // payload: sent one plus at a time, so the firmware does not take it for the escape
        Assert.Equal("+++"u8.ToArray(), ReadExactly(s, 3));
        Assert.True(Esp32AtModule.Passthrough);

        w.Mark();
        Esp32AtModule.Passthrough = false;
        Assert.Equal("+++", w.WrittenSinceMark);
        Assert.Equal(new[] { "+CIPMODE:1" }, Esp32AtModule.Execute("AT+CIPMODE?")); // the command channel works
        Assert.NotNull(w.Emulator.Links[0]); // and the link stayed open

        Esp32AtModule.Passthrough = true;
        s.Send("again"u8.ToArray());
        Assert.Equal("again"u8.ToArray(), ReadExactly(s, 5));
    }

    [Fact]
    public void WhileInPassthrough_CommandsAreRefusedAndNotWritten()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var s = Tcp();
        s.Connect("127.0.0.1", server.Port);
        w.Mark();
        var e = Assert.Throws<AtCommandException>(() => Esp32AtModule.Execute("AT+CWSTATE?"));
        Assert.Contains("passthrough", e.Message);
        Assert.Equal("", w.WrittenSinceMark);
    }

    [Fact]
    public void OneLinkOnly_ASecondConnectIsEmfile_PtOffGoesBackToLinks()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using (var s = Tcp())
        {
            s.Connect("127.0.0.1", server.Port);
            using var other = Tcp();
            Assert.Equal(Errno.EMFILE, Assert.Throws<OSError>(() => other.Connect("127.0.0.1", server.Port)).Errno);
        }

        Esp32AtModule.PtPolicy = Esp32AtModule.PT_OFF; // off again: sockets are multi-link
        using var normal = Tcp();
        normal.Connect("127.0.0.1", server.Port);
        Assert.False(normal.IsPassthrough);
        Assert.True(normal.Link >= 0);
    }

    [Fact]
    public void IllegalPolicyIsAnArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Esp32AtModule.PtPolicy = 3);
        Assert.Equal(Esp32AtModule.PT_AUTO, Esp32AtModule.PtPolicy);
        Assert.Throws<InvalidOperationException>(() => Esp32AtModule.Passthrough = true); // no socket in passthrough
    }

    [Fact]
    public void ARebootDuringPassthrough_IsEconnreset_AndTheCommandChannelWorksAgain()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var s = Tcp();
        s.SetTimeout(10);
        s.Connect("127.0.0.1", server.Port);
        s.Send("ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), ReadExactly(s, 4));
        w.Emulator.Reboot();
        var e = Assert.Throws<OSError>(() =>
        {
            var buf = new byte[64];
            for (int i = 0; i < 1000; i++) s.RecvInto(buf); // the boot banner arrives as bytes, then the library asks the firmware
        });
        Assert.Equal(Errno.ECONNRESET, e.Errno);
        Assert.Contains("rebooted", e.Message);
        Assert.False(Esp32AtModule.Passthrough);
        Assert.True(Esp32At.CircuitPython.Wifi.Device!.WaitForRecovery(10000), "the device set the ESP up again");
        Assert.Equal(new[] { "+CIPMUX:1" }, Esp32AtModule.Execute("AT+CIPMUX?"));
        Assert.Equal(Errno.ECONNRESET, Assert.Throws<OSError>(() => s.Send("x"u8.ToArray())).Errno);
        s.Close();
        using var second = new LoopbackServer(LoopbackServer.Echo);
        using var again = Tcp(); // a new passthrough connection works after the reboot
        again.SetTimeout(5);
        again.Connect("127.0.0.1", second.Port);
        again.Send("back"u8.ToArray());
        Assert.Equal("back"u8.ToArray(), ReadExactly(again, 4));
    }

    private static byte[] ReadExactly(Esp32At.CircuitPython.Socket s, int total)
    {
        var back = new byte[total];
        int got = 0;
        var part = new byte[total];
        while (got < total)
        {
            int n = s.RecvInto(part, total - got);
            Array.Copy(part, 0, back, got, n);
            got += n;
        }
        return back;
    }

    /// <summary>The writes after its creation, each with its time.</summary>
    private sealed class TimedWrites
    {
        private readonly List<(string Text, DateTime At)> seen = new();

        public TimedWrites(Esp32At.Tests.Device.RecordingTransport wire)
        {
            Started = DateTime.UtcNow;
            wire.OnWrite = text => { lock (seen) seen.Add((text, DateTime.UtcNow)); };
        }

        public DateTime Started { get; }

        public List<(string Text, DateTime At)> Writes
        {
            get { lock (seen) return seen.ToList(); }
        }
    }
}
