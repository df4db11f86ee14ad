using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.BadInput;

/// <summary>One hostile or broken message: what it is, the bytes an authorized device publishes on its own frames
/// topic, and the quarantine reason the controller must give it.</summary>
internal sealed record BadMessage(string Kind, byte[] Payload, QuarantineReason ExpectedReason);
