using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Millwright.NanoGate;

/// <summary>
/// Decodes signature blobs to canonical text (the same text for a member in our assembly and in mscorlib, so
/// signatures can be compared) and, while decoding, notes every shape nanoFramework v1 cannot run.
/// Each note is a violation waiting for its subject (the member that holds the signature).
/// </summary>
internal sealed class SignatureText : ISignatureTypeProvider<string, object?>
{
    private readonly Func<MetadataReader, TypeReferenceHandle, IEnumerable<Func<string, GateViolation>>>? _checkTypeReference;

    /// <param name="checkTypeReference">When given, asked about every type reference met (does it exist?).</param>
    public SignatureText(Func<MetadataReader, TypeReferenceHandle, IEnumerable<Func<string, GateViolation>>>? checkTypeReference = null)
    {
        _checkTypeReference = checkTypeReference;
    }

    private const string InitOnlyModifier = "System.Runtime.CompilerServices.IsExternalInit";

    public List<Func<string, GateViolation>> Findings { get; } = new();

    public static string MethodSignature(MethodSignature<string> signature)
    {
        var text = signature.Header.IsInstance ? "instance " : "static ";
        if (signature.GenericParameterCount > 0)
        {
            text += "<" + signature.GenericParameterCount + "> ";
        }

        return text + signature.ReturnType + "(" + string.Join(", ", signature.ParameterTypes) + ")";
    }

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        var text = elementType + "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]";
        Findings.Add(shape.Rank > 1
            ? subject => GateRules.MultidimensionalArray(subject, text)
            : subject => GateRules.NonVectorArray(subject, text));
        return text;
    }

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        var text = "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType)) + ">";
        Findings.Add(subject => GateRules.FunctionPointer(subject, text));
        return text;
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var text = genericType + "<" + string.Join(", ", typeArguments) + ">";
        Findings.Add(subject => GateRules.GenericInstantiation(subject, text));
        return text;
    }

    // Generic definitions are reported where they are declared; here they only need a stable spelling.
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
    {
        var text = (isRequired ? "modreq(" : "modopt(") + modifier + ")";
        // init-only setters (void modreq(IsExternalInit)) are supported: CoreLibrary added IsExternalInit for
        // them (nanoframework/CoreLibrary#163) and the MetadataProcessor writes the void return it expects.
        if (!(isRequired && modifier == InitOnlyModifier && unmodifiedType == "void"))
        {
            Findings.Add(subject => GateRules.CustomModifier(subject, text));
        }

        return unmodifiedType + " " + text;
    }

    public string GetPinnedType(string elementType)
    {
        Findings.Add(subject => GateRules.Pinned(subject, elementType));
        return elementType + " pinned";
    }

    public string GetPointerType(string elementType)
    {
        var text = elementType + "*";
        Findings.Add(subject => GateRules.PointerType(subject, text));
        return text;
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode)
    {
        if (typeCode == PrimitiveTypeCode.TypedReference)
        {
            Findings.Add(GateRules.TypedReference);
        }

        return typeCode switch
        {
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.SByte => "sbyte",
            PrimitiveTypeCode.Char => "char",
            PrimitiveTypeCode.Int16 => "short",
            PrimitiveTypeCode.UInt16 => "ushort",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.UInt32 => "uint",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.UInt64 => "ulong",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.IntPtr => "nint",
            PrimitiveTypeCode.UIntPtr => "nuint",
            PrimitiveTypeCode.Object => "object",
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Void => "void",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            _ => typeCode.ToString(),
        };
    }

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        MetadataNames.Of(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (_checkTypeReference is not null)
        {
            Findings.AddRange(_checkTypeReference(reader, handle));
        }

        return MetadataNames.Of(reader, handle);
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
}
