using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>Exact bytes of a TCP link's life in multiple-connection passive mode, against a real loopback peer.</summary>
public class TcpLinkBytesTests
{
    private static RawPort Ready(FirmwareProfile profile, bool dinfo)
    {
        var port = new RawPort(profile);
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command(profile.HasCipRecvType ? "AT+CIPRECVTYPE=5,1" : "AT+CIPRECVMODE=1");
        if (dinfo) port.Command("AT+CIPDINFO=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        return port;
    }

    [Theory]
    [InlineData("v2.2.0-c3", false)]
    [InlineData("v3.3.0-c3", true)]
    [InlineData("v4.1.1-c3", false)]
    [InlineData("v4.1.1-c6", true)]
    public void ConnectSendPassiveReadClose(string profileName, bool dinfo)
    {
        var profile = FirmwareProfile.Named(profileName);
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = Ready(profile, dinfo);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,5", ">"));
        port.Send("hello");
        // The echo's notice may land between "Recv 5 bytes" and "SEND OK" (spec §3, esp-at#481), or after it.
        var sent = port.ReadUntil("SEND OK\r\n");
        const string notice = "\r\n+IPD,0,5\r\n";
        Assert.Equal("\r\nRecv 5 bytes\r\n\r\nSEND OK\r\n", sent.Replace(notice, ""));
        if (!sent.Contains(notice)) Assert.Equal(notice, port.ReadUntil("+IPD,0,5\r\n"));
        var from = dinfo ? $"\"127.0.0.1\",{server.Port}," : "";
        Assert.Equal($"+CIPRECVDATA:5,{from}hello\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,100"));
        var none = profile.RecvLenVariableList ? "" : "-1"; // links not open: -1, from v4.1 an empty field
        Assert.Equal($"+CIPRECVLEN:0,{none},{none},{none},{none}\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
        Assert.Equal("0,CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPCLOSE=0"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND=0,5", "\r\nERROR\r\n"));
    }

    [Fact]
    public void DataThatArrivedBeforeTheRemoteCloseIsReadableAndClosedFollowsTheLastRead()
    {
        using var server = new LoopbackServer(s => { s.Write("bye!"u8); s.Flush(); });
        using var port = Ready(FirmwareProfile.V4_1_1_C3, dinfo: false);
        port.Command($"AT+CIPSTART=1,\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.Equal("\r\n+IPD,1,4\r\n", port.ReadUntil("+IPD,1,4\r\n"));
        Thread.Sleep(200); // the peer has closed by now; CLOSED must wait for the read
        Assert.Equal(0, port.Pending);
        Assert.Equal("+CIPRECVDATA:2,by\r\nOK\r\n\r\n+IPD,1,2\r\n", port.Command("AT+CIPRECVDATA=1,2", "+IPD,1,2\r\n"));
        Assert.Equal("+CIPRECVDATA:2,e!\r\nOK\r\n1,CLOSED\r\n", port.Command("AT+CIPRECVDATA=1,2", "CLOSED\r\n"));
    }

    [Fact]
    public void ConnectionRefusedAndUnknownHostsAnswerError()
    {
        using var port = Ready(FirmwareProfile.V4_1_1_C3, dinfo: false);
        int closedPort;
        using (var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { l.Start(); closedPort = ((System.Net.IPEndPoint)l.LocalEndpoint).Port; }
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{closedPort}", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSTART=0,\"TCP\",\"nowhere.test\",80", "\r\nERROR\r\n"));
    }

    [Fact]
    public void SendLongerThanTheFirmwareAllowsIsRefused()
    {
        using var server = new LoopbackServer(s => s.CopyTo(Stream.Null));
        using var port = Ready(FirmwareProfile.V2_2_C3, dinfo: false);
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND=0,2049", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,2048", ">"));
        port.Send(new string('x', 2048));
        Assert.Equal("\r\nRecv 2048 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
    }

    [Fact]
    public void ConnectWithoutAnIpAddressIsRefused()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",80", "\r\nERROR\r\n"));
    }

    [Fact]
    public void CipDomainAnswersAQuotedAddressOrError()
    {
        using var port = Ready(FirmwareProfile.V4_1_1_C3, dinfo: false);
        port.Emulator.Links.Dns.Add("example.test", System.Net.IPAddress.Parse("127.0.0.1"));
        Assert.Equal("+CIPDOMAIN:\"127.0.0.1\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"example.test\""));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPDOMAIN=\"nowhere.test\"", "\r\nERROR\r\n"));
    }
}
