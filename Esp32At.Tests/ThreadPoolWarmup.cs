using System.Runtime.CompilerServices;

namespace Esp32At.Tests;

/// <summary>
/// The driver's API is synchronous (as on the device), so up to four parallel test classes park their runner threads
/// in blocking AT exchanges, while the host-side peers (async TLS clients, MQTTnet inside the emulator) need free
/// thread-pool threads for their completions. With the default minimum (one thread per core: 2 in CI) the pool adds
/// threads at about one per second, and a TLS handshake or MQTT reconnect then misses its few-second timeout on a busy
/// machine. A minimum above the worst-case number of blocked threads makes such a test wait only for its own peer.
/// </summary>
internal static class ThreadPoolWarmup
{
    [ModuleInitializer]
    internal static void RaiseMinimum()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
