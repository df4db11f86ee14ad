namespace Millwright.Firmware.Mqtt;

/// <summary>One event taken from the <see cref="LinkEventQueue"/>; a single instance is reused for every event.</summary>
public sealed class LinkEvent
{
    public LinkEventKind Kind { get; set; }

    /// <summary>For <see cref="LinkEventKind.Connected"/>: whether the broker accepted the connection.</summary>
    public bool Accepted { get; set; }

    /// <summary>For <see cref="LinkEventKind.Connected"/>: the broker's reason code (0 = accepted).</summary>
    public int ReasonCode { get; set; }

    public string Topic { get; set; }

    public byte[] Payload { get; set; }

    public void Clear()
    {
        Kind = LinkEventKind.None;
        Accepted = false;
        ReasonCode = 0;
        Topic = null;
        Payload = null;
    }
}
