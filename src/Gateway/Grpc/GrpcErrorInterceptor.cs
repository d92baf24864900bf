using Grpc.Core;
using Grpc.Core.Interceptors;
using OrleansServe.Gateway.Errors;

namespace OrleansServe.Gateway.Grpc;

/// <summary>
/// The gRPC edge, as <see cref="ProblemEndpointFilter"/> is REST's: an exception a method ends with (a refused input,
/// an unknown model, a transport failure) becomes its gRPC status here, through <see cref="GrpcStatusMapper"/>.
/// </summary>
internal sealed class GrpcErrorInterceptor(GrpcStatusMapper mapper) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw mapper.Map(e, context);
        }
    }
}
