using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using static Esp32At.Tests.Links.ActiveRig;

namespace Esp32At.Tests.Links;

/// <summary>
/// Active receive without RTS/CTS and a reader that falls behind: the host's UART buffer (2 KiB, modelled by the
/// emulator) overruns and bytes are gone. The transport reports it (IAtReceiveErrors), and the link fails loudly: every
/// byte handed out before the failure is the sent stream's prefix, then <see cref="LinkResetException"/> names the
/// cause; <see cref="ConnectionTable.Close"/> then sends exactly one CIPCLOSE, since the ESP still holds the link.
/// Random payload without AT-looking traps: after the hole the parser has lost the framing until it meets a real
/// header again, and payload bytes such as "ready" or "OK" would then be taken for the ESP's (docs/reliability.md).
/// </summary>
public sealed class ActiveOverrunTests
{
    private const int Size = 256 * 1024;

    // Reads slowly until the link fails; returns what arrived before and the failure (null: none).
    private static (byte[] Got, LinkResetException? Failure) ReadUntilFailure(ConnectionTable links, int id, int pauseMs)
    {
        var got = new byte[Size];
        int at = 0;
        try
        {
            while (at < Size)
            {
                if (!links.TryReceive(id, got, at, Math.Min(1024, Size - at), 3000, out int n) || n == 0) break;
                at += n;
                Thread.Sleep(pauseMs);
            }
        }
        catch (LinkResetException e)
        {
            return (got[..at], e);
        }
        return (got[..at], null);
    }

    private static void AssertFailedLoudly(ActiveRig rig, int id, byte[] data, byte[] got, LinkResetException? failure)
    {
        Assert.True(rig.Emulator.Port.HostOverrunBytes > 0); // the fault really happened
        Assert.NotNull(failure);
        Assert.Equal(id, failure!.LinkId);
        Assert.Contains("lost on the UART", failure.Message);
        Assert.True(got.Length < data.Length);
        Assert.True(data.AsSpan(0, got.Length).SequenceEqual(got), "bytes after the hole were handed out");
        Assert.True(rig.Device.Executor.ReceiveLosses > 0);
        Assert.Equal(LinkState.Reset, rig.Links.StateOf(id));
        Assert.Equal(LinkFailure.Reset, LinkFailures.Classify(failure));
    }

    // TCP and TLS on v4.1.1 (per-link active mode), TCP on v2.2 (the global active mode): the same failure.
    [Theory]
    [InlineData("v4.1.1-c3", false, 31)]
    [InlineData("v4.1.1-c3", true, 32)]
    [InlineData("v2.2.0-c3", false, 33)]
    public void ALinkFailsWithAClearErrorAndNoByteAfterTheHole(string firmware, bool tls, int seed)
    {
        var data = Pattern(seed, Size);
        using IDisposable server = tls
            ? new TlsLoopbackServer(s =>
            {
                s.Write(data, 0, data.Length);
                s.Flush();
                try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
            })
            : Sender(data);
        int port = server is TlsLoopbackServer t ? t.Port : ((LoopbackServer)server).Port;
        using var rig = new ActiveRig(FirmwareProfile.Named(firmware), bufferBytes: 4096, hostBuffer: 2048);
        int id;
        if (tls)
        {
            rig.Links.Certificates.LoadCa(Encoding.ASCII.GetBytes(TestCertificates.Shared.CaPem), 0);
            id = rig.Links.OpenSsl("127.0.0.1", port, new TlsSettings { ServerName = TestCertificates.ServerName });
        }
        else id = rig.Links.OpenTcp("127.0.0.1", port);

        var (got, failure) = ReadUntilFailure(rig.Links, id, 1);

        AssertFailedLoudly(rig, id, data, got, failure);
        Assert.Throws<LinkResetException>(() => rig.Links.Receive(id, new byte[16], 0, 16, 100)); // and stays failed
        int before = rig.Wire.Written.Length;
        rig.Links.Close(id);
        Assert.Equal($"AT+CIPCLOSE={id}\r\n", rig.Wire.Written[before..]);
        AssertGoneOnTheEsp(rig, id);
    }

    // The CIPCLOSE reached the ESP: the connection is not leaked. (Polled, not timed: while the line still overruns,
    // the CIPCLOSE answer itself can be lost, so Close may return on its timeout before or after the ESP acted.)
    private static void AssertGoneOnTheEsp(ActiveRig rig, int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (rig.Emulator.Links[id] != null && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Null(rig.Emulator.Links[id]);
    }
}
