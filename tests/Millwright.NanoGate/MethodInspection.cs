using System.Reflection;
using System.Reflection.Metadata;

namespace Millwright.NanoGate;

/// <summary>Checks one method definition: signature, generic-ness, how it is implemented, and its body.</summary>
internal sealed class MethodInspection
{
    private readonly AssemblyInspection _assembly;
    private readonly MetadataReader _reader;
    private readonly MethodDefinition _method;
    private readonly bool _inInterface;
    private readonly string _subject;

    public MethodInspection(AssemblyInspection assembly, MethodDefinitionHandle handle, bool inInterface)
    {
        _assembly = assembly;
        _reader = assembly.Reader;
        _method = _reader.GetMethodDefinition(handle);
        _inInterface = inInterface;
        _subject = MetadataNames.Of(_reader, handle);
    }

    public void Run()
    {
        _assembly.CountMethod();
        _assembly.NoteString(_reader.GetString(_method.Name));
        var attributes = _method.Attributes;
        if (_method.GetGenericParameters().Count > 0)
        {
            _assembly.Add(GateRules.GenericMethodDefinition(_subject));
        }

        CheckSignature();
        _assembly.CheckAttributes(_subject, _method.GetCustomAttributes());
        foreach (var handle in _method.GetParameters())
        {
            _assembly.CheckAttributes(_subject, _reader.GetParameter(handle).GetCustomAttributes());
        }

        var isAbstract = (attributes & MethodAttributes.Abstract) != 0;
        if (_inInterface && !isAbstract && (attributes & MethodAttributes.Static) == 0)
        {
            _assembly.Add(GateRules.DefaultInterfaceMethod(_subject));
        }

        if ((attributes & MethodAttributes.PinvokeImpl) != 0)
        {
            _assembly.Add(GateRules.PInvoke(_subject));
            return;
        }

        if (_method.RelativeVirtualAddress == 0)
        {
            // Delegates' Invoke/BeginInvoke/EndInvoke/.ctor are implemented by the runtime itself.
            var runtime = (_method.ImplAttributes & MethodImplAttributes.CodeTypeMask) == MethodImplAttributes.Runtime;
            if (!isAbstract && !runtime)
            {
                _assembly.Add(GateRules.ExternMethod(_subject));
            }

            return;
        }

        CheckBody(_assembly.Target.GetMethodBody(_method.RelativeVirtualAddress));
    }

    private void CheckSignature()
    {
        var text = _assembly.References.NewSignatureText();
        var signature = _method.DecodeSignature(text, null);
        _assembly.AddAll(_subject, text.Findings);
        if (signature.Header.CallingConvention == SignatureCallingConvention.VarArgs)
        {
            _assembly.Add(GateRules.VarArgs(_subject, _subject));
        }

        var arguments = signature.ParameterTypes.Length + (signature.Header.IsInstance ? 1 : 0);
        _assembly.CheckByteCount(_subject, "parameters", arguments);
    }

    private void CheckBody(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            var text = _assembly.References.NewSignatureText();
            var locals = _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(text, null);
            _assembly.AddAll(_subject, text.Findings);
            _assembly.CheckByteCount(_subject, "local variables", locals.Length);
        }

        _assembly.CheckByteCount(_subject, "evaluation stack slots", body.MaxStack);
        _assembly.CheckByteCount(_subject, "exception clauses", body.ExceptionRegions.Length);
        foreach (var region in body.ExceptionRegions)
        {
            _assembly.Use(_subject, region.CatchType);
        }

        var scan = IlScanner.Scan(body.GetILReader());
        foreach (var opcode in scan.Unsupported)
        {
            _assembly.Add(opcode == "localloc" ? GateRules.Stackalloc(_subject) : GateRules.UnsupportedInstruction(_subject, opcode));
        }

        _assembly.CheckByteCount(_subject, "switch targets", scan.LargestSwitch);
        foreach (var token in scan.Tokens)
        {
            _assembly.Use(_subject, token);
        }

        foreach (var handle in scan.Strings)
        {
            _assembly.NoteString(_reader.GetUserString(handle));
        }

        // Exception clauses take 12 bytes each plus a count byte in nanoFramework byte code.
        var clauses = body.ExceptionRegions.Length;
        _assembly.AddByteCode(scan.NanoByteCodeSize + (clauses > 0 ? (12 * clauses) + 1 : 0));
    }
}
