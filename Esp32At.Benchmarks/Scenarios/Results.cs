namespace Esp32At.Benchmarks.Scenarios;

/// <summary>Bulk TCP goodput on one link: <see cref="Ratio"/> = goodput / line rate.</summary>
public sealed record ThroughputResult(string Profile, int Baud, string Case, long Bytes, double Seconds, double Ratio,
    long RoundTrips, long WireBytesOut, long WireBytesIn, int RingHighWater, double BytesPerOp);

/// <summary>64-byte UDP datagrams sent per second against two limits (see <see cref="UdpSend"/>).</summary>
public sealed record UdpResult(string Profile, int Baud, int Size, long Datagrams, double PerSecond, double PayloadLimit,
    double ProtocolLimit, double BytesOutPerDatagram, double BytesInPerDatagram, int RingHighWater, double BytesPerOp,
    double EmulatorLateUs = 0, int CipSendMs = 0)
{
    public double PayloadRatio => PerSecond / PayloadLimit;
    public double ProtocolRatio => PerSecond / ProtocolLimit;
}

/// <summary>Plain HTTP GETs: deterministic UART counts per request and time against the line-limited minimum.</summary>
public sealed record HttpResult(string Profile, int Baud, int BodyBytes, int Requests, long MinRoundTrips, long MaxRoundTrips,
    double BytesOut, double BytesIn, double MedianSeconds, double MinimumSeconds, double BytesPerRequest, int RingHighWater)
{
    public double TimeOverMinimum => MedianSeconds / MinimumSeconds;
}

/// <summary>The seed's page: 9 requests, 137.76 kB, sequential or over parallel links.</summary>
public sealed record PageResult(string Profile, int Baud, string Mode, int Requests, long Bytes, double Seconds, double MinimumSeconds, int RingHighWater)
{
    public double Ratio => MinimumSeconds / Seconds;
}

/// <summary>HTTPS GET split as the seed published it: connect + handshake, send, receive.</summary>
public sealed record HttpsResult(string Profile, int Baud, int BodyBytes, double ConnectSeconds, double SendSeconds,
    double ReceiveSeconds, long RoundTrips, double ReceiveMinimumSeconds, int RingHighWater);

/// <summary>Bytes the caller's thread allocated per steady-state send and receive: the library's, and the emulator transport's.</summary>
public sealed record AllocationResult(string Profile, int Baud, int Operations, double SendBytesPerOp, double ReceiveBytesPerOp,
    double SendTransportBytesPerOp, double ReceiveTransportBytesPerOp, int RingHighWater);

/// <summary>UDP datagrams received per second against the frame limit (see <see cref="UdpReceive"/>).</summary>
public sealed record UdpReceiveResult(string Profile, int Baud, int Size, long Datagrams, double PerSecond, double Offered,
    double PayloadLimit, double FrameLimit, double RoundTripsPerDatagram, double BytesOutPerDatagram, double BytesInPerDatagram,
    double BytesPerOp, int RingHighWater)
{
    public double PayloadRatio => PerSecond / PayloadLimit;
    public double FrameRatio => PerSecond / FrameLimit;
}
