package org.iotplatform.web.api.operators;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.iotplatform.operators.AccountNotFoundException;
import org.iotplatform.operators.AccountStatus;
import org.iotplatform.operators.AccountSummary;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.Password;
import org.iotplatform.operators.Role;
import org.iotplatform.operators.Username;

/** Operator accounts; admins only. */
@Path("operators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class OperatorResource {

    public record NewOperator(String username, String role, String password) {}

    /** Only the fields present are changed. */
    public record OperatorChange(String status, String role, String password) {}

    @Inject
    OperatorAccounts accounts;

    @Context
    SecurityContext security;

    @GET
    public List<AccountSummary> list() {
        return accounts.list();
    }

    @GET
    @Path("{username}")
    public AccountSummary get(@PathParam("username") String username) {
        Username name = new Username(username);
        return accounts.find(name).map(AccountSummary::of).orElseThrow(() -> new AccountNotFoundException(name));
    }

    @POST
    public Response create(NewOperator body) {
        if (body == null) {
            throw new BadRequestException("body required");
        }
        AccountSummary created = accounts.create(
                new Username(body.username()), Role.of(body.role()), new Password(body.password()), actor());
        return Response.created(URI.create("operators/" + created.username()))
                .entity(created)
                .build();
    }

    @PATCH
    @Path("{username}")
    public AccountSummary change(@PathParam("username") String username, OperatorChange body) {
        if (body == null) {
            throw new BadRequestException("body required");
        }
        return accounts.change(
                new Username(username),
                Optional.ofNullable(body.status()).map(AccountStatus::of),
                Optional.ofNullable(body.role()).map(Role::of),
                Optional.ofNullable(body.password()).map(Password::new),
                actor());
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
