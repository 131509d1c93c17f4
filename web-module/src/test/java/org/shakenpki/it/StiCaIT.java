package org.shakenpki.it;

import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shakenpki.ca.CaSettingsProbe;
import org.shakenpki.ca.EabRollbackProbe;
import org.shakenpki.ca.HierarchyRaceProbe;
import org.shakenpki.ca.RevocationOutbox;
import org.shakenpki.ca.RevocationProbe;
import org.shakenpki.ca.RevocationReport;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The STI-CA and STI-CR on a real Payara Micro with its SoftHSM2 ca token, driven over HTTPS by acme4j (with a
 * tkauth-01 challenge provider) and by a hand-made client for the requests acme4j never sends. The client-side
 * steps live in {@link StiCaChecks}, which is not deployed: the server never loads the ACME client.
 */
@ExtendWith(ArquillianExtension.class)
class StiCaIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.builtWar(StiCaIT.class, StiPaFiles.class, RevocationProbe.class, HierarchyRaceProbe.class,
                HierarchyRaceProbe.Outcome.class, CaSettingsProbe.class, EabRollbackProbe.class);
    }

    @EJB
    RevocationProbe probe;

    @EJB
    RevocationOutbox outbox;

    @EJB
    HierarchyRaceProbe race;

    @EJB
    EabRollbackProbe eabRollback;

    @Test
    @RunAsClient
    void acme4jRunsTheWholeFlowAndTheCertificatePassesOpenssl() throws Exception {
        StiCaChecks.wholeFlow();
    }

    @Test
    @RunAsClient
    void aCaTrueTokenGivesADelegateCaCertificateThatItsKeyMayRevoke() throws Exception {
        StiCaChecks.delegateCertificate();
    }

    @Test
    @RunAsClient
    void badTokensMakeTheChallengeInvalidWithAPreciseError() throws Exception {
        StiCaChecks.badTokens();
    }

    @Test
    @RunAsClient
    void theAdminApiRecordsSubscribersAndIssuesEabKeysShownOnce() throws Exception {
        EabChecks.subscriberAdministration();
    }

    @Test
    @RunAsClient
    void acme4jBindsAnAccountByEabAndASecondAccountCannotReuseTheBinding() throws Exception {
        EabChecks.acme4jBindsAnAccountAndAReplayBySecondAccountIsRefused();
    }

    @Test
    @RunAsClient
    void forgedExternalAccountBindingsAreRefusedWithTheirProblemTypes() throws Exception {
        EabChecks.forgedBindingsAreRefused();
    }

    @Test
    @RunAsClient
    void aBoundAccountsCertificateNamesTheVerifiedSubscriberAndOnlyItsSpcs() throws Exception {
        EabChecks.aBoundAccountGetsTheVerifiedSubjectAndOnlyItsSpcs();
    }

    @Test
    @RunAsClient
    void withBadCsrModeACsrAskingForAnotherProvidersOIsRefusedNamingIt() throws Exception {
        EabChecks.withBadCsrAnotherProvidersOIsRefusedNamingTheAttribute();
    }

    @Test
    @RunAsClient
    void aReplayedEabJwsIsRefusedForASecondAccount() throws Exception {
        EabChecks.aReplayedBindingIsRefusedForASecondAccount();
    }

    @Test
    @RunAsClient
    void whenEabIsRequiredOnlyABindingRegistersAcme4jAndCertbot() throws Exception {
        EabChecks.whenRequiredOnlyABindingRegistersAcme4jAndCertbot();
    }

    @Test
    void anEabKeyWhoseTransactionRollsBackLeavesNoKeyOnTheToken() throws Exception {
        eabRollback.createSubscriber("it-rollback", "8181");
        String kid = eabRollback.createEabThenRollBack("it-rollback");
        assertFalse(eabRollback.rowExists(kid), "the rollback kept the EAB key's row");
        assertFalse(eabRollback.keyOnToken(kid), "the rolled-back EAB key " + kid + " stayed on the ca token");
    }

    @Test
    @RunAsClient
    void aSuspendedSubscribersEabKeyBindsNoAccount() throws Exception {
        EabChecks.aSuspendedSubscribersKeyBindsNoAccount();
    }

    @Test
    @RunAsClient
    void csrMismatchesAreBadCsr() throws Exception {
        StiCaChecks.csrMismatches();
    }

    @Test
    @RunAsClient
    void envelopeViolationsGetTheirProblemTypes() throws Exception {
        StiCaChecks.envelopeViolations();
    }

    @Test
    @RunAsClient
    void everyAcmeResponseShapeMatchesItsJsonFixture() throws Exception {
        StiCaChecks.responsesMatchTheFixtures();
    }

    @Test
    @RunAsClient
    void nonceAndDirectoryAndRepository() throws Exception {
        StiCaChecks.nonceDirectoryAndRepository();
    }

    @Test
    @RunAsClient
    void jsonNested5000DeepIsMalformedInEveryPartOfAnAcmeRequest() throws Exception {
        StiCaHostileChecks.deepJson();
    }

    @Test
    @RunAsClient
    void simultaneousNewAccountsWithOneKeyGiveOneAccount() throws Exception {
        StiCaHostileChecks.racingNewAccounts();
    }

    @Test
    @RunAsClient
    void racingKeyChangesGiveOneOwnerAndAConflictNamingIt() throws Exception {
        StiCaHostileChecks.racingKeyChanges();
    }

    @Test
    @RunAsClient
    void aCsrWithAnotherAccountsKeyIsBadCsr() throws Exception {
        StiCaHostileChecks.csrWithAnotherAccountsKey();
    }

    @Test
    @RunAsClient
    void spcsOutsideTheStiPaSyntaxAreRejectedAtNewOrder() throws Exception {
        StiCaHostileChecks.spcSyntaxAtNewOrder();
    }

    @Test
    @RunAsClient
    void orderDatesNoCertificateCanCarryAreMalformed() throws Exception {
        StiCaHostileChecks.absurdOrderDates();
    }

    @Test
    void aNodeThatLosesTheRaceForTheCaHierarchyUsesTheWinnersAndDiscardsItsKeys() {
        HierarchyRaceProbe.Outcome outcome = race.loseTheRace();
        assertTrue(outcome.sameIntermediate(), "the late node must use the hierarchy in the database");
        assertEquals(outcome.aliasesBefore(), outcome.aliasesAfter(), "the late node left keys on the ca token");
        // every STI-CA key on the token is one the database names (two, or more after an intermediate rollover)
        assertEquals(outcome.hierarchyAliases(), outcome.aliasesAfter().stream().filter(a -> a.startsWith("sti-ca-")).sorted().toList(),
                outcome.aliasesAfter().toString());
    }

    @Test
    void aRevocationTheStiPaDoesNotAcceptStaysQueuedForAnotherAttempt() {
        String certificateId = probe.queueReport("keyCompromise");
        List<RevocationReport> queued = outbox.forCertificate(certificateId);
        assertEquals(1, queued.size());
        String id = queued.get(0).id();
        assertNull(queued.get(0).deliveredAt());

        // no STI-PA revocation API (nor credentials) exists in this deployment: the attempt must fail
        assertFalse(outbox.deliver(id));

        RevocationReport after = outbox.forCertificate(certificateId).get(0);
        assertTrue(after.attempts() >= 1);
        assertNull(after.deliveredAt(), "reported as delivered without an STI-PA");
        assertNotNull(after.lastError());
        assertTrue(after.nextAttemptAt().isAfter(OffsetDateTime.now()), "no later attempt scheduled");
        assertFalse(outbox.due(1000).contains(id), "retried before its time");
        assertEquals("keyCompromise", after.reason());
    }
}
