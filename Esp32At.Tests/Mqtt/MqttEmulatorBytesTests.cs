using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.Mqtt;

/// <summary>Exact bytes of the emulator's MQTT AT commands against a real (in-process MQTTnet) broker.</summary>
public class MqttEmulatorBytesTests
{
    private static RawPort Port(FirmwareProfile? profile = null)
    {
        var port = new RawPort(options: new EmulatorOptions { Profile = profile ?? FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0 });
        port.Command("ATE0");
        port.Command("AT+SYSLOG=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Fact]
    public void ConnectSubscribePublishAndCleanGiveTheDocumentedBytes()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        peer.Subscribe("esp/#");
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTUSERCFG=0,1,\"board-1\",\"espressif\",\"1234567890\",0,0,\"\""));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTCONNCFG=0,30,0,\"esp/will\",\"gone\",1,0"));
        Assert.Equal("+MQTTCONN:0,2,1,\"\",0,\"\",0\r\n\r\nOK\r\n", port.Command("AT+MQTTCONN?"));
        Assert.Equal($"+MQTTCONNECTED:0,1,\"127.0.0.1\",\"{broker.Port}\",\"\",0\r\n\r\nOK\r\n", port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0"));
        Assert.Equal($"+MQTTCONN:0,4,1,\"127.0.0.1\",{broker.Port},\"\",0\r\n\r\nOK\r\n", port.Command("AT+MQTTCONN?"));
        Assert.True(broker.Connects.TryDequeue(out var peerConnect) && peerConnect.ClientId == "peer");
        Assert.True(broker.Connects.TryDequeue(out var connect));
        Assert.Equal(("board-1", "espressif", "1234567890", (ushort)30, true), (connect.ClientId, connect.User, connect.Password, connect.KeepAlive, connect.Clean));

        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTSUB=0,\"cmd/board-1\",1"));
        Assert.Equal("ALREADY SUBSCRIBE\r\n\r\nOK\r\n", port.Command("AT+MQTTSUB=0,\"cmd/board-1\",1"));
        Assert.Equal("+MQTTSUB:0,6,\"cmd/board-1\",1\r\n\r\nOK\r\n", port.Command("AT+MQTTSUB?"));

        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTPUB=0,\"esp/t\",\"21.5\\,C\",1,0"));
        var m = peer.Next();
        Assert.Equal(("esp/t", "21.5,C", 1), (m.Topic, Encoding.UTF8.GetString(m.Payload), m.Qos));

        peer.Publish("cmd/board-1", "on\r\nOK\r\n", qos: 1);
        Assert.Equal("+MQTTSUBRECV:0,\"cmd/board-1\",8,on\r\nOK\r\n\r\n", port.ReadCount(41));

        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTUNSUB=0,\"cmd/board-1\""));
        Assert.Equal("NO UNSUBSCRIBE\r\n\r\nOK\r\n", port.Command("AT+MQTTUNSUB=0,\"cmd/board-1\""));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTCLEAN=0"));
        Assert.Equal("+MQTTCONN:0,0,0,\"\",0,\"\",0\r\n\r\nOK\r\n", port.Command("AT+MQTTCONN?"));
        Assert.Equal("ERR CODE:0x00006003\r\n\r\nERROR\r\n", Error(port, "AT+MQTTCLEAN=0"));
    }

    [Fact]
    public void PubRawSendsBinaryAfterThePromptAndAnswersMqttPubOk()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        peer.Subscribe("bin");
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"b\",\"\",\"\",0,0,\"\"");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
        var payload = new byte[3000];
        new Random(7).NextBytes(payload);
        payload[10] = 0; // MQTTPUB cannot carry NUL; PUBRAW can
        port.Send("AT+MQTTPUBRAW=0,\"bin\",3000,2,1\r\n");
        Assert.Equal("\r\nOK\r\n\r\n>", port.ReadUntil(">"));
        port.Emulator.Port.HostWrite(payload, 0, payload.Length);
        Assert.Equal("\r\n+MQTTPUB:OK\r\n", port.ReadUntil("+MQTTPUB:OK\r\n"));
        var m = peer.Next();
        Assert.Equal(payload, m.Payload);
        Assert.Equal(2, m.Qos);
        // Retained: a later subscriber gets it too.
        using var late = broker.Connect("late");
        late.Subscribe("bin");
        Assert.True(late.Next().Retain);
    }

    [Fact]
    public void AMessageLongerThanTheFirmwareBufferComesInPiecesEachWithItsLength()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"b\",\"\",\"\",0,0,\"\"");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
        port.Command("AT+MQTTSUB=0,\"big\",0");
        var payload = Encoding.ASCII.GetBytes(new string('x', 2500));
        peer.Publish("big", payload);
        // PUBLISH packet: 1 type byte, 2 length bytes, 2 + 3 topic bytes: 1016 payload bytes fit the 1024-byte buffer.
        Assert.Equal("+MQTTSUBRECV:0,\"big\",1016," + new string('x', 1016) + "\r\n", port.ReadUntil("\r\n"));
        Assert.Equal("+MQTTSUBRECV:0,\"big\",1024," + new string('x', 1024) + "\r\n", port.ReadUntil("\r\n"));
        Assert.Equal("+MQTTSUBRECV:0,\"big\",460," + new string('x', 460) + "\r\n", port.ReadUntil("\r\n"));
    }

    [Fact]
    public void ArgumentsOutsideTheirRangesGiveTheMqttErrorCodes()
    {
        using var port = Port();
        Assert.Equal("ERR CODE:0x00006001\r\n\r\nERROR\r\n", Error(port, "AT+MQTTCONNCFG=0,0,0,\"\",\"\",0,0"));
        Assert.Equal("ERR CODE:0x00006011\r\n\r\nERROR\r\n", Error(port, "AT+MQTTUSERCFG=1,1,\"c\",\"\",\"\",0,0,\"\""));
        Assert.Equal("ERR CODE:0x00006013\r\n\r\nERROR\r\n", Error(port, "AT+MQTTUSERCFG=0,11,\"c\",\"\",\"\",0,0,\"\""));
        Assert.Equal("ERR CODE:0x00006015\r\n\r\nERROR\r\n", Error(port, "AT+MQTTUSERCFG=0,1,\"\",\"\",\"\",0,0,\"\""));
        Assert.Equal("ERR CODE:0x00006019\r\n\r\nERROR\r\n", Error(port, $"AT+MQTTUSERCFG=0,1,\"c\",\"{new string('u', 65)}\",\"\",0,0,\"\""));
        Assert.Equal("ERR CODE:0x0000601e\r\n\r\nERROR\r\n", Error(port, "AT+MQTTUSERCFG=0,1,\"c\",\"\",\"\",1,0,\"\""));
        Assert.Equal("ERR CODE:0x00006008\r\n\r\nERROR\r\n", Error(port, "AT+MQTTUSERCFG=0,1,\"c\",\"\",\"\",0,0"));
        port.Command("AT+MQTTUSERCFG=0,1,\"c\",\"\",\"\",0,0,\"\"");
        Assert.Equal("ERR CODE:0x0000602d\r\n\r\nERROR\r\n", Error(port, "AT+MQTTCONNCFG=0,7201,0,\"\",\"\",0,0"));
        Assert.Equal("ERR CODE:0x00006037\r\n\r\nERROR\r\n", Error(port, "AT+MQTTCONNCFG=0,0,0,\"w\",\"m\",3,0"));
        Assert.Equal("ERR CODE:0x00006051\r\n\r\nERROR\r\n", Error(port, "AT+MQTTPUB=0,\"t\",\"d\",0,0"));
        Assert.Equal("ERR CODE:0x00006048\r\n\r\nERROR\r\n", Error(port, "AT+MQTTPUB=0,\"t\",\"d\",3,0"));
        Assert.Equal("ERR CODE:0x00006042\r\n\r\nERROR\r\n", Error(port, "AT+MQTTSUB=0,\"\",0"));
        Assert.Equal("ERR CODE:0x0000603e\r\n\r\nERROR\r\n", Error(port, "AT+MQTTCONN=0,\"127.0.0.1\",65536,0"));
        Assert.Equal("ERR CODE:0x0000600b\r\n\r\nERROR\r\n", Error(port, $"AT+MQTTCONN=0,\"127.0.0.1\",{MqttBroker.FreePort()},0"));
    }

    [Fact]
    public void LongClientIdUserAndPasswordArePromptedAndReachTheBroker()
    {
        using var broker = new MqttBroker();
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"short\",\"u\",\"p\",0,0,\"\"");
        var id = new string('i', 300);
        var password = new string('p', 700);
        port.Send("AT+MQTTLONGCLIENTID=0,300\r\n");
        Assert.Equal("\r\nOK\r\n\r\n>", port.ReadUntil(">"));
        port.Send(id);
        Assert.Equal("\r\nOK\r\n", port.ReadUntil("OK\r\n"));
        port.Send("AT+MQTTLONGPASSWORD=0,700\r\n");
        port.ReadUntil(">");
        port.Send(password);
        port.ReadUntil("OK\r\n");
        Assert.Equal("ERR CODE:0x00006019\r\n\r\nERROR\r\n", Error(port, "AT+MQTTLONGUSERNAME=0,1025"));
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
        Assert.True(broker.Connects.TryDequeue(out var c));
        Assert.Equal((id, "u", password), (c.ClientId, c.User, c.Password));
    }

    [Fact]
    public void V22HasTheQuotedClientIdCommandAndNeitherLongNorSniCommands()
    {
        using var port = Port(FirmwareProfile.V2_2_C3);
        port.Command("AT+MQTTUSERCFG=0,1,\"c\",\"\",\"\",0,0,\"\"");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MQTTCLIENTID=0,\"board-22\""));
        Assert.Equal("ERR CODE:0x01090000\r\n\r\nERROR\r\n", Error(port, "AT+MQTTLONGCLIENTID=0,5"));
        Assert.Equal("ERR CODE:0x01090000\r\n\r\nERROR\r\n", Error(port, "AT+MQTTSNI=0,\"x\""));
        Assert.Equal("ERR CODE:0x01090000\r\n\r\nERROR\r\n", Error(port, "AT+MQTTALPN=0,0"));
    }

    [Fact]
    public void TlsVerifiesTheBrokerWithTheProvisionedCaAndRejectsAnotherCa()
    {
        using var broker = new MqttBroker();
        using var port = Port();
        port.Emulator.Links.Dns.Add("espressif.local", IPAddress.Loopback);
        port.Command("AT+MQTTUSERCFG=0,3,\"tls\",\"\",\"\",0,0,\"\"");
        Assert.Equal($"+MQTTCONNECTED:0,3,\"espressif.local\",\"{broker.TlsPort}\",\"\",0\r\n\r\nOK\r\n",
            port.Command($"AT+MQTTCONN=0,\"espressif.local\",{broker.TlsPort},0"));
        port.Command("AT+MQTTCLEAN=0");

        using var otherKey = RSA.Create(2048);
        var other = new CertificateRequest("CN=Someone Else CA", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        other.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = other.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
        port.Emulator.Mfg.Set("mqtt_ca", "mqtt_ca.0", Esp32At.Emulator.Network.MfgValue.Blob(Encoding.ASCII.GetBytes(otherCa.ExportCertificatePem())));
        port.Command("AT+MQTTUSERCFG=0,3,\"tls\",\"\",\"\",0,0,\"\"");
        Assert.Equal("ERR CODE:0x0000600b\r\n\r\nERROR\r\n", Error(port, $"AT+MQTTCONN=0,\"espressif.local\",{broker.TlsPort},0"));
        // Scheme 2 does not verify: the same broker is accepted.
        port.Command("AT+MQTTUSERCFG=0,2,\"tls\",\"\",\"\",0,0,\"\"");
        Assert.StartsWith("+MQTTCONNECTED:0,2,", port.Command($"AT+MQTTCONN=0,\"espressif.local\",{broker.TlsPort},0"));
    }

    [Fact]
    public void ARebootDropsTheLinkWithoutDisconnectSoTheBrokerPublishesTheWill()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        peer.Subscribe("status/#");
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"willer\",\"\",\"\",0,0,\"\"");
        port.Command("AT+MQTTCONNCFG=0,10,0,\"status/willer\",\"offline\",1,0");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
        port.Emulator.Reboot();
        var m = peer.Next();
        Assert.Equal(("status/willer", "offline"), (m.Topic, Encoding.UTF8.GetString(m.Payload)));
    }

    [Fact]
    public void ABrokenLinkIsReportedAndReconnectOneComesBackWithItsTopics()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"re\",\"\",\"\",0,0,\"\"");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},1");
        port.Command("AT+MQTTSUB=0,\"again\",0");
        port.Emulator.MqttLink.BreakLink();
        Assert.Equal("+MQTTDISCONNECTED:0\r\n", port.ReadUntil("+MQTTDISCONNECTED:0\r\n"));
        Assert.Equal($"+MQTTCONNECTED:0,1,\"127.0.0.1\",\"{broker.Port}\",\"\",1\r\n", port.ReadUntil("\r\n"));
        peer.Publish("again", "x");
        Assert.Equal("+MQTTSUBRECV:0,\"again\",1,x\r\n", port.ReadUntil("x\r\n"));
    }

    [Fact]
    public void AWifiLossBreaksTheLinkAndReconnectOneComesBackWithItsTopicsOnlyWithTheAp()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        using var port = Port();
        port.Command("AT+MQTTUSERCFG=0,1,\"wifi\",\"\",\"\",0,0,\"\"");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},1");
        port.Command("AT+MQTTSUB=0,\"again\",0");
        Assert.True(port.Emulator.Radio.DropConnection());
        Assert.Equal("WIFI DISCONNECT\r\n+MQTTDISCONNECTED:0\r\n", port.ReadUntil("+MQTTDISCONNECTED:0\r\n"));
        Assert.Equal("ERR CODE:0x00006051\r\n\r\nERROR\r\n", Error(port, "AT+MQTTSUB=0,\"other\",0"));
        Thread.Sleep(1500); // longer than the firmware's 1 s reconnect interval: no broker without the AP
        Assert.DoesNotContain("+MQTTCONNECTED", port.Command("AT"));
        port.Emulator.Radio.RestoreConnection();
        Assert.EndsWith("WIFI GOT IP\r\n+MQTTCONNECTED:", port.ReadUntil("+MQTTCONNECTED:"));
        Assert.Equal($"0,1,\"127.0.0.1\",\"{broker.Port}\",\"\",1\r\n", port.ReadUntil("\r\n"));
        peer.Publish("again", "x");
        Assert.Equal("+MQTTSUBRECV:0,\"again\",1,x\r\n", port.ReadUntil("x\r\n"));
    }

    [Fact]
    public void AfterARebootTheNewConnectionWaitsUntilTheBrokerHasCleanedUpTheOldOne()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        using var port = Port();
        for (int round = 0; round < 10; round++)
        {
            port.Command("AT+MQTTUSERCFG=0,1,\"board\",\"\",\"\",0,0,\"\"");
            port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
            port.Command("AT+MQTTSUB=0,\"cmd\",1");
            peer.Publish("cmd", "r" + round, 1);
            // Without the wait, the broker's late clean-up of the connection dropped by the last reboot deleted the
            // session (and the subscription) of this one, which has the same client id: nothing came.
            Assert.Equal($"+MQTTSUBRECV:0,\"cmd\",2,r{round}\r\n", port.ReadUntil($"r{round}\r\n"));
            port.Emulator.Reboot();
            port.ReadUntil("ready\r\n");
            // The station rejoins by itself after the reboot; MQTTCONN before it has an IP fails as on the firmware,
            // so the next connection goes at once after GOT IP (echo is on again after the reboot).
            port.ReadUntil("WIFI GOT IP\r\n");
        }
        port.Command("AT+MQTTUSERCFG=0,1,\"board\",\"\",\"\",0,0,\"\"");
        port.Command($"AT+MQTTCONN=0,\"127.0.0.1\",{broker.Port},0");
        // The broker ended each connection before the next CONNECT with the same client id came.
        var board = broker.Events.Where(e => e.EndsWith(" board", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i % 2 == 0 ? "connect board" : "disconnect board"), board);
    }
}
