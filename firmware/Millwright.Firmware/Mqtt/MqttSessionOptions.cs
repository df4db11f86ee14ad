using System;

namespace Millwright.Firmware.Mqtt;

/// <summary>Tuning of the MQTT session. Times are µs of the monotonic clock. <see cref="Validate"/> names the first bad value.</summary>
public sealed class MqttSessionOptions
{
    public MqttSessionOptions()
    {
        KeepAliveSeconds = 30;
        ConnectTimeoutMicros = 30000000;
        BackoffMinMicros = 1000000;
        BackoffMaxMicros = 300000000;
        JitterPercent = 50;
        MaxInFlightFrames = 8;
        AckTimeoutMicros = 15000000;
        StatusIntervalMicros = 60000000;
        LinkEventCapacity = 32;
    }

    /// <summary>MQTT keep-alive the link negotiates (the link sends the PINGREQs).</summary>
    public int KeepAliveSeconds { get; set; }

    /// <summary>An attempt with no outcome after this long is abandoned and counts as failed.</summary>
    public long ConnectTimeoutMicros { get; set; }

    /// <summary>Delay ceiling after the first failure; it doubles per consecutive failure up to <see cref="BackoffMaxMicros"/>.</summary>
    public long BackoffMinMicros { get; set; }

    public long BackoffMaxMicros { get; set; }

    /// <summary>Up to this share of the delay ceiling is taken off at random, so a plant of nodes does not reconnect in step (0–100).</summary>
    public int JitterPercent { get; set; }

    /// <summary>Frames published and not yet covered by a controller ack, at most.</summary>
    public int MaxInFlightFrames { get; set; }

    /// <summary>When the oldest frame in flight has waited this long for an ack, every unacked frame is sent again, in order.</summary>
    public long AckTimeoutMicros { get; set; }

    /// <summary>How often the birth status (health telemetry) is republished while online; 0 = only after connecting.</summary>
    public long StatusIntervalMicros { get; set; }

    /// <summary>Link events (connection changes, incoming messages) that can wait between two updates.</summary>
    public int LinkEventCapacity { get; set; }

    /// <summary>PEM of the CA that signed the broker's certificate when TLS is on (null: the board's default trust).</summary>
    public string CaCertificatePem { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Require(KeepAliveSeconds >= 0 && KeepAliveSeconds <= 65535, "keep-alive must be 0-65535 s");
        Require(ConnectTimeoutMicros > 0, "connect timeout must be above 0");
        Require(BackoffMinMicros > 0, "minimum back-off must be above 0");
        Require(BackoffMaxMicros >= BackoffMinMicros, "maximum back-off must be at least the minimum");
        Require(JitterPercent >= 0 && JitterPercent <= 100, "jitter must be 0-100 %");
        Require(MaxInFlightFrames >= 1 && MaxInFlightFrames <= 1024, "frames in flight must be 1-1024");
        Require(AckTimeoutMicros > 0, "ack timeout must be above 0");
        Require(StatusIntervalMicros >= 0, "status interval must not be negative");
        Require(LinkEventCapacity >= 8 && LinkEventCapacity <= 1024, "link event capacity must be 8-1024");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
