using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Everything the board binding hands the firmware: its hardware behind our interfaces, its board description, and a
/// random source (seeded from the chip's RNG on a board, fixed in tests) for reconnect jitter.
/// </summary>
public sealed class NodeHardware
{
    public IClock Clock { get; set; }

    public IRecordStore Store { get; set; }

    public IMqttLink Link { get; set; }

    public ISerialPort Serial { get; set; }

    public IWatchdog Watchdog { get; set; }

    public IKeyStore KeyStore { get; set; }

    public IHealthSource Health { get; set; }

    public INetworkInterface Network { get; set; }

    public IBoardIo BoardIo { get; set; }

    public BoardDescription Board { get; set; }

    public Random Random { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first missing part.</summary>
    public void Validate()
    {
        Require(Clock != null, "clock");
        Require(Store != null, "record store");
        Require(Link != null, "MQTT link");
        Require(Serial != null, "serial port");
        Require(Watchdog != null, "watchdog");
        Require(KeyStore != null, "key store");
        Require(Health != null, "health source");
        Require(Network != null, "network interface");
        Require(BoardIo != null, "board I/O");
        Require(Board != null, "board description");
        Require(Random != null, "random source");
    }

    private static void Require(bool present, string part)
    {
        if (!present)
        {
            throw new ArgumentException("node hardware has no " + part);
        }
    }
}
