package org.newsletter.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.newsletter.common.ConflictException;
import org.newsletter.common.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin accounts and their personal API tokens. */
@ApplicationScoped
@Transactional
public class AccountService {

    /** An account as the API shows it: never its password hash. */
    public record AccountView(String username, String role, Instant createdAt) {
        static AccountView of(AdminAccount a) {
            return new AccountView(a.username, a.role, a.createdAt);
        }
    }

    /** A token as listed; its secret is only in {@link CreatedToken}, once. */
    public record TokenView(long id, String name, Instant createdAt, Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id, t.name, t.createdAt, t.lastUsedAt);
        }
    }

    public record CreatedToken(long id, String name, String token, Instant createdAt) {
    }

    /** Who a presented token belongs to. */
    public record TokenOwner(String username, String role) {
    }

    private final Clock clock;

    AccountService(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountView> accounts() {
        return AdminAccount.<AdminAccount>list("order by username").stream().map(AccountView::of).toList();
    }

    public AccountView create(String username, String password, String role) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("^[a-z0-9][a-z0-9._-]{1,63}$")) {
            throw new InvalidInputException("username", "Use 2-64 lowercase letters, digits, dots, dashes or underscores");
        }
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw new InvalidInputException("password", "Use a password of 12 to 200 characters");
        }
        if (!AdminAccount.ADMIN.equals(role) && !AdminAccount.EDITOR.equals(role)) {
            throw new InvalidInputException("role", "role must be 'admin' or 'editor'");
        }
        if (AdminAccount.count("username", name) > 0) {
            throw new ConflictException("An account named '" + name + "' exists already");
        }
        return AccountView.of(AdminAccount.create(name, password, role));
    }

    public void delete(String username, String actingUser) {
        AdminAccount account = find(username);
        if (account.username.equals(actingUser)) {
            throw new ConflictException("You cannot delete your own account");
        }
        if (AdminAccount.ADMIN.equals(account.role) && AdminAccount.count("role", AdminAccount.ADMIN) <= 1) {
            throw new ConflictException("The last admin account cannot be deleted");
        }
        account.delete();
    }

    public CreatedToken createToken(String username, String tokenName) {
        String name = tokenName == null ? "" : tokenName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidInputException("name", "Name the token (up to 100 characters), e.g. 'CMS import'");
        }
        ApiToken token = new ApiToken();
        token.account = find(username);
        token.name = name;
        String secret = ApiToken.newSecret();
        token.tokenHash = ApiToken.hash(secret);
        token.createdAt = clock.instant();
        token.persist();
        return new CreatedToken(token.id, token.name, secret, token.createdAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TokenView> tokens(String username) {
        return ApiToken.<ApiToken>list("account.username = ?1 order by id", username).stream().map(TokenView::of).toList();
    }

    public void revoke(String username, long id) {
        if (ApiToken.delete("id = ?1 and account.id = (select a.id from AdminAccount a where a.username = ?2)", id, username) == 0) {
            throw new NotFoundException("You have no token " + id);
        }
    }

    /** The owner of a presented token, noting its use; empty for unknown or revoked tokens. */
    public Optional<TokenOwner> authenticate(String presented) {
        if (presented == null || !presented.startsWith(ApiToken.PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> token = ApiToken.find("tokenHash", ApiToken.hash(presented)).firstResultOptional();
        token.ifPresent(t -> t.lastUsedAt = clock.instant());
        return token.map(t -> new TokenOwner(t.account.username, t.account.role));
    }

    private static AdminAccount find(String username) {
        return AdminAccount.<AdminAccount>find("username", username).firstResultOptional()
                .orElseThrow(() -> new NotFoundException("No account '" + username + "'"));
    }
}
